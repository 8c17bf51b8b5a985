<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertMessages</name>
    <message>
        <source>Low balance: %1</source>
        <translation>余额不足：%1</translation>
    </message>
    <message>
        <source>%1 has %2 left, under %3% of its limit (%4). Top it up or raise the limit before it runs dry.</source>
        <translation>%1 仅剩 %2，低于其限额的 %3%（%4）。请在用完之前充值或提高限额。</translation>
    </message>
    <message>
        <source>%1 has %2 left, under the threshold of %3. Top it up before it runs dry.</source>
        <translation>%1 仅剩 %2，低于阈值 %3。请在用完之前充值。</translation>
    </message>
    <message>
        <source>Key failing: %1</source>
        <translation>密钥异常：%1</translation>
    </message>
    <message>
        <source>The provider rejects %1: %2. The key may have been revoked or may have expired; check it in the provider&apos;s console.</source>
        <translation>服务商拒绝了 %1：%2。该密钥可能已被吊销或已过期，请在服务商控制台中检查。</translation>
    </message>
    <message>
        <source>%1 cannot be checked: %2. QuotaWatch keeps trying.</source>
        <translation>%1 无法查询：%2。QuotaWatch 会继续重试。</translation>
    </message>
    <message>
        <source>Key working again: %1</source>
        <translation>密钥已恢复：%1</translation>
    </message>
    <message>
        <source>%1 works again; %2 left.</source>
        <translation>%1 已恢复正常，剩余 %2。</translation>
    </message>
    <message>
        <source>%1 works again.</source>
        <translation>%1 已恢复正常。</translation>
    </message>
    <message>
        <source>Top-up: %1</source>
        <translation>已充值：%1</translation>
    </message>
    <message>
        <source>%1 went up by %2 to %3.</source>
        <translation>%1 增加了 %2，现为 %3。</translation>
    </message>
    <message>
        <source>Running out soon: %1</source>
        <translation>即将用完：%1</translation>
    </message>
    <message>
        <source>At the current rate of %1 a day, %2 runs dry in about %3 days (%4 left). Top it up in time.</source>
        <translation>按当前每天 %1 的消耗速度，%2 约 %3 天后用完（剩余 %4）。请及时充值。</translation>
    </message>
    <message>
        <source>Spending spike: %1</source>
        <translation>消费激增：%1</translation>
    </message>
    <message>
        <source>%1 spent %2 in the last hour, %3 times its usual rate. If you did not expect this, the key may have leaked: revoke it in the provider&apos;s console.</source>
        <translation>%1 在过去一小时内消费了 %2，是平时速度的 %3 倍。如果这不在预期之内，密钥可能已泄露：请在服务商控制台中吊销它。</translation>
    </message>
    <message>
        <source>QuotaWatch test message</source>
        <translation>QuotaWatch 测试消息</translation>
    </message>
    <message>
        <source>This is a test of the channel “%1”. If you can read this, alerts will reach you here.</source>
        <translation>这是通知渠道“%1”的测试消息。如果您能看到这条消息，告警就能送达这里。</translation>
    </message>
</context>
<context>
    <name>KeyTableModel</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>QuotaWatch</source>
        <translation>QuotaWatch</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>The database cannot be opened: %1</source>
        <translation>无法打开数据库：%1</translation>
    </message>
    <message>
        <source>The keys cannot be read: %1</source>
        <translation>无法读取密钥：%1</translation>
    </message>
    <message>
        <source>No keys yet. Add one with “quotawatch keys add” on the command line.</source>
        <translation>还没有密钥。请在命令行中用“quotawatch keys add”添加。</translation>
    </message>
    <message numerus="yes">
        <source>Watching %n key(s).</source>
        <translation>
            <numerusform>正在监控 %n 个密钥。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>QuotaWatch</source>
        <translation>QuotaWatch</translation>
    </message>
    <message>
        <source>The configured database URL cannot be used: %1</source>
        <translation>无法使用配置的数据库地址：%1</translation>
    </message>
</context>
</TS>
