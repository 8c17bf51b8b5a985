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
        <source>The destination of %1 was changed outside QuotaWatch, so its secret was not sent anywhere. Open the key and enter its secret again.</source>
        <translation>%1 的目标地址在 QuotaWatch 之外被修改，因此其密钥没有发送到任何地方。请打开该密钥并重新输入密钥。</translation>
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
        <source>Test message</source>
        <translation>测试消息</translation>
    </message>
    <message>
        <source>This is a test from QuotaWatch of the channel “%1”, sent at %2. If you can read this, alerts will reach you here.</source>
        <translation>这是 QuotaWatch 发往通知渠道“%1”的测试消息，发送时间：%2。如果您能看到这条消息，告警就能送达这里。</translation>
    </message>
    <message>
        <source>“%1” (%2)</source>
        <comment>a key&apos;s name and its platform</comment>
        <translation>“%1”（%2）</translation>
    </message>
    <message>
        <source>%1 Checked by QuotaWatch at %2.</source>
        <comment>%1 is the whole message</comment>
        <translation>%1QuotaWatch 查询时间：%2。</translation>
    </message>
    <message>
        <source>Out of credit: %1</source>
        <translation>余额已用完：%1</translation>
    </message>
    <message>
        <source>%1 is out of credit, so requests with it fail: %2</source>
        <translation>%1 的余额已用完，用它发出的请求都会失败：%2</translation>
    </message>
    <message>
        <source>Key cannot be read: %1</source>
        <translation>无法读取密钥：%1</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2. Checking again will not change this; move the key to a platform that can read it, or remove it.</source>
        <translation>无法读取 %1：%2。再次检查也不会改变结果；请把该密钥改到能读取它的平台，或将其删除。</translation>
    </message>
</context>
<context>
    <name>AttentionList</name>
    <message>
        <source>low</source>
        <translation>余额不足</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>已用完</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2（%3）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>CheckErrorText</name>
    <message>
        <source>The check worked.</source>
        <translation>检查成功。</translation>
    </message>
    <message>
        <source>The provider refused the key.</source>
        <translation>服务商拒绝了该密钥。</translation>
    </message>
    <message>
        <source>The provider asked to wait before the next check.</source>
        <translation>服务商要求稍后再检查。</translation>
    </message>
    <message>
        <source>The provider could not be reached.</source>
        <translation>无法连接服务商。</translation>
    </message>
    <message>
        <source>The provider answered with an error.</source>
        <translation>服务商返回了错误。</translation>
    </message>
    <message>
        <source>The provider&apos;s answer could not be read.</source>
        <translation>无法读取服务商的回复。</translation>
    </message>
    <message>
        <source>This key cannot report a balance.</source>
        <translation>该密钥无法查询余额。</translation>
    </message>
    <message>
        <source>The key&apos;s stored address was changed outside QuotaWatch; nothing was sent.</source>
        <translation>该密钥保存的地址在 QuotaWatch 之外被修改，未发送任何内容。</translation>
    </message>
    <message>
        <source>%2</source>
        <comment>failed check</comment>
        <extracomment>%1 is the kind of failure (&quot;Key refused&quot;), %2 the check&apos;s own English message. English shows the message alone, as it already says what went wrong.</extracomment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>CheckService</name>
    <message>
        <source>the master key was replaced elsewhere</source>
        <translation>主密钥已被其他实例更换</translation>
    </message>
</context>
<context>
    <name>DisplayFormat</name>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Key refused</source>
        <translation>密钥被拒</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>请求受限</translation>
    </message>
    <message>
        <source>Network error</source>
        <translation>网络错误</translation>
    </message>
    <message>
        <source>Provider error</source>
        <translation>服务商错误</translation>
    </message>
    <message>
        <source>Unreadable answer</source>
        <translation>响应无法解析</translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation>不支持</translation>
    </message>
    <message>
        <source>Destination changed</source>
        <translation>目标地址被篡改</translation>
    </message>
</context>
<context>
    <name>HistoryCsv</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>InstanceLock</name>
    <message>
        <source>The QuotaWatch desktop app</source>
        <translation>QuotaWatch 桌面应用</translation>
    </message>
    <message>
        <source>“quotawatch serve”</source>
        <translation>“quotawatch serve”</translation>
    </message>
    <message>
        <source>Another QuotaWatch</source>
        <translation>另一个 QuotaWatch</translation>
    </message>
    <message>
        <source>%1 (PID %2)</source>
        <translation>%1（PID %2）</translation>
    </message>
    <message>
        <source>%1 already runs for the database %2 in this account, and one desktop app per database is enough. Stop it first, or bring its window up from the tray.</source>
        <translation>%1 已在此账户中使用数据库 %2，每个数据库只需一个桌面应用。请先停止它，或从托盘打开它的窗口。</translation>
    </message>
    <message>
        <source>%1 already uses the database %2: two programs on one SQLite file would check every key twice and send every alert twice. Stop it first, or share the keys through PostgreSQL (team mode: every instance on one PostgreSQL database with the same master key).</source>
        <translation>%1 已在使用数据库 %2：两个程序同时使用一个 SQLite 文件，会把每个密钥检查两次、每条告警发送两次。请先停止它，或通过 PostgreSQL 共享密钥（团队模式：所有实例使用同一个 PostgreSQL 数据库和同一个主密钥）。</translation>
    </message>
</context>
<context>
    <name>KeyHealthInfo</name>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Running low</source>
        <translation>余额不足</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>已用完</translation>
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
    <message>
        <source>The configuration cannot be used: %1</source>
        <translation>无法使用当前配置：%1</translation>
    </message>
    <message>
        <source>No keychain available</source>
        <translation>没有可用的钥匙串</translation>
    </message>
    <message>
        <source>QuotaWatch keeps the master key that encrypts your API keys in your system&apos;s keychain, and none could be reached.

You can:
• start your desktop&apos;s keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager) and press Retry, or
• start QuotaWatch with the environment variable QUOTAWATCH_MASTER_KEY set to a master key you keep safe yourself (for servers and portable setups).</source>
        <translation>QuotaWatch 将用于加密 API 密钥的主密钥保存在系统钥匙串中，但当前无法访问任何钥匙串。

您可以：
• 启动桌面环境的钥匙串服务（GNOME Keyring、KWallet、macOS 钥匙串、Windows 凭据管理器），然后点击“重试”；或
• 将环境变量 QUOTAWATCH_MASTER_KEY 设为您自行妥善保管的主密钥，再启动 QuotaWatch（适用于服务器和便携部署）。</translation>
    </message>
    <message>
        <source>Wrong master key</source>
        <translation>主密钥错误</translation>
    </message>
    <message>
        <source>The master key found does not open the API keys stored in this database. Nothing was changed.

Use the master key this database was created with (restore it into the keychain or set QUOTAWATCH_MASTER_KEY), or choose another database.</source>
        <translation>找到的主密钥无法解密此数据库中保存的 API 密钥。未做任何更改。

请使用创建此数据库时所用的主密钥（将其恢复到钥匙串中，或设置 QUOTAWATCH_MASTER_KEY），或选择其他数据库。</translation>
    </message>
    <message>
        <source>Database from a newer QuotaWatch</source>
        <translation>数据库来自更新版本的 QuotaWatch</translation>
    </message>
    <message>
        <source>This database was written by a newer version of QuotaWatch. Install the newer version; the database was left untouched.</source>
        <translation>此数据库由更新版本的 QuotaWatch 写入。请安装新版本；数据库未被改动。</translation>
    </message>
    <message>
        <source>The database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>QuotaWatch cannot open its database. Check the location in the settings, the --db option or QUOTAWATCH_DB, and that a PostgreSQL server is reachable.</source>
        <translation>QuotaWatch 无法打开数据库。请检查设置中的数据库位置、--db 选项或 QUOTAWATCH_DB，并确认 PostgreSQL 服务器可以访问。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>No system tray here: closing the window quits QuotaWatch.</source>
        <translation>当前没有系统托盘：关闭窗口将退出 QuotaWatch。</translation>
    </message>
</context>
<context>
    <name>ReadingNames</name>
    <message>
        <source>Daily window</source>
        <translation>每日窗口</translation>
    </message>
    <message>
        <source>Weekly window</source>
        <translation>每周窗口</translation>
    </message>
    <message>
        <source>Monthly window</source>
        <translation>每月窗口</translation>
    </message>
    <message>
        <source>Monthly MCP quota</source>
        <translation>每月 MCP 额度</translation>
    </message>
    <message>
        <source>Gift balance</source>
        <translation>赠送余额</translation>
    </message>
    <message>
        <source>Paid balance</source>
        <translation>充值余额</translation>
    </message>
    <message>
        <source>Credit line</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>This month&apos;s spend</source>
        <translation>本月消费</translation>
    </message>
    <message>
        <source>%1-hour window</source>
        <translation>%1 小时窗口</translation>
    </message>
    <message>
        <source>Key budget</source>
        <translation>密钥预算</translation>
    </message>
    <message>
        <source>Team budget</source>
        <translation>团队预算</translation>
    </message>
    <message>
        <source>User budget</source>
        <translation>用户预算</translation>
    </message>
    <message>
        <source>%1-minute window</source>
        <translation>%1 分钟窗口</translation>
    </message>
    <message>
        <source>%1-second window</source>
        <translation>%1 秒窗口</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>credits</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>次</translation>
    </message>
    <message>
        <source>%1 of %2 left</source>
        <translation>剩余 %1/%2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>%1 of %2 used</source>
        <translation>已用 %1/%2</translation>
    </message>
    <message>
        <source>%1 used</source>
        <translation>已用 %1</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>限额 %1</translation>
    </message>
    <message>
        <source>no figures</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>, %1 used</source>
        <translation>，已用 %1</translation>
    </message>
    <message>
        <source>, resets %1 UTC</source>
        <translation>，%1 UTC 重置</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>TeamText</name>
    <message>
        <source>Last checked by this QuotaWatch (%1)</source>
        <translation>最后由本 QuotaWatch 检查（%1）</translation>
    </message>
    <message>
        <source>Last checked by %1 (another instance)</source>
        <translation>最后由 %1 检查（另一个实例）</translation>
    </message>
    <message>
        <source>Team: no other instance connected</source>
        <translation>团队：没有其他实例连接</translation>
    </message>
    <message>
        <source>Team: 1 other instance connected (%1)</source>
        <translation>团队：已连接 1 个其他实例（%1）</translation>
    </message>
    <message>
        <source>Team: %1 other instances connected (%2)</source>
        <translation>团队：已连接 %1 个其他实例（%2）</translation>
    </message>
    <message>
        <source>Instances sharing this database, seen from their leases and the keys they checked recently; one that has checked nothing yet is not listed.</source>
        <translation>共用此数据库的实例，根据它们持有的租约和最近检查过的密钥得出；尚未检查过任何密钥的实例不会列出。</translation>
    </message>
</context>
<context>
    <name>qw::KeyValidator</name>
    <message>
        <source>interval “%1” is not a duration; write e.g. 90s, 30m or 1h</source>
        <translation>检查间隔“%1”不是有效的时长，请写成 90s、30m 或 1h 这样的形式</translation>
    </message>
    <message>
        <source>interval “%1” is out of range; it must be between %2 and %3</source>
        <translation>检查间隔“%1”超出范围，必须在 %2 到 %3 之间</translation>
    </message>
    <message>
        <source>the secret is empty</source>
        <translation>密钥为空</translation>
    </message>
    <message>
        <source>the secret contains a line break or control character; give one key, on one line</source>
        <translation>密钥中含有换行符或控制字符；请只填写一个密钥，并写在同一行</translation>
    </message>
    <message>
        <source>option “%1” is not of the form name=value</source>
        <translation>选项“%1”不符合 name=value 的格式</translation>
    </message>
    <message>
        <source>option “%1” is given twice</source>
        <translation>选项“%1”重复出现</translation>
    </message>
    <message>
        <source>the key needs a name</source>
        <translation>请为密钥填写名称</translation>
    </message>
    <message>
        <source>the name is longer than 200 characters</source>
        <translation>名称超过 200 个字符</translation>
    </message>
    <message>
        <source>unknown platform “%1”; known platforms: %2</source>
        <translation>未知平台“%1”；已知的平台有：%2</translation>
    </message>
    <message>
        <source>base URL “%1” is not an http(s) URL like https://api.example.com</source>
        <translation>接口地址“%1”不是 http(s) 地址，应类似 https://api.example.com</translation>
    </message>
    <message>
        <source>base URL “%1” must not carry credentials, a query or a fragment; the secret is sent in a header</source>
        <translation>接口地址“%1”不能包含登录凭据、查询参数或片段；密钥会通过请求头发送</translation>
    </message>
    <message>
        <source>platform “%1” has no default address; give the relay&apos;s or proxy&apos;s base URL</source>
        <translation>平台“%1”没有默认地址，请填写中转站或代理的接口地址</translation>
    </message>
    <message>
        <source>threshold “%1” is not a non-negative number like 5 or 12.50, or a percentage of the limit from 0% to 100%</source>
        <translation>阈值“%1”无效：应为非负数（如 5 或 12.50），或限额的百分比（0% 到 100%）</translation>
    </message>
    <message>
        <source>tag “%1” is longer than 40 characters</source>
        <translation>标签“%1”超过 40 个字符</translation>
    </message>
    <message>
        <source>%1 (“%2”) cannot be watched with an API key. %3</source>
        <translation>%1（“%2”）无法通过 API 密钥监控。%3</translation>
    </message>
    <message>
        <source>option “allow_insecure” must be true or false</source>
        <translation>选项“allow_insecure”只能是 true 或 false</translation>
    </message>
    <message>
        <source>base URL “%1” is plain http:// to another machine, so the secret would cross the network unencrypted; use https://, or allow it explicitly with --allow-insecure (REST: &quot;allow_insecure&quot;: true; editor: “Allow plain http”)</source>
        <translation>接口地址“%1”是指向另一台机器的明文 http:// 地址，密钥将以未加密的形式经过网络；请使用 https://，或用 --allow-insecure 明确允许（REST：“allow_insecure”: true；编辑器：“允许明文 http”）</translation>
    </message>
</context>
<context>
    <name>qw::Platforms</name>
    <message>
        <source>Preferred currency for the headline amount when the provider reports several (e.g. CNY, USD).</source>
        <translation>服务商返回多种货币的余额时，优先作为主要金额显示的货币（如 CNY、USD）。</translation>
    </message>
    <message>
        <source>Needs an Admin key (sk-ant-admin…) from the Anthropic Console; an ordinary API key cannot read costs. Reports this month&apos;s spending, and what is left of monthly_budget when you set one.</source>
        <translation>需要 Anthropic Console 中的管理员密钥（sk-ant-admin…）；普通 API 密钥无法读取费用。显示本月的消费；设置了 monthly_budget 时，还显示该预算的剩余额度。</translation>
    </message>
    <message>
        <source>Any endpoint that returns JSON: give path, and remaining_pointer and/or used_pointer (JSON pointers such as /data/balance). The key is sent in the headers where {key} stands (default: Authorization: Bearer {key}).</source>
        <translation>任何返回 JSON 的接口：填写 path，以及 remaining_pointer 和/或 used_pointer（JSON 指针，如 /data/balance）。密钥会填入请求头中 {key} 所在的位置（默认：Authorization: Bearer {key}）。</translation>
    </message>
    <message>
        <source>HTTP method</source>
        <translation>HTTP 请求方法</translation>
    </message>
    <message>
        <source>path after the base URL, e.g. /v1/balance</source>
        <translation>接口地址之后的路径，如 /v1/balance</translation>
    </message>
    <message>
        <source>request headers as a JSON object; {key} stands for the secret</source>
        <translation>请求头，写成 JSON 对象；{key} 代表密钥</translation>
    </message>
    <message>
        <source>JSON pointer to the remaining amount</source>
        <translation>指向剩余额度的 JSON 指针</translation>
    </message>
    <message>
        <source>JSON pointer to the amount used</source>
        <translation>指向已用额度的 JSON 指针</translation>
    </message>
    <message>
        <source>JSON pointer to the limit</source>
        <translation>指向总限额的 JSON 指针</translation>
    </message>
    <message>
        <source>the numbers are divided by this (e.g. 100 for cents)</source>
        <translation>读取到的数值会除以此数（如金额以分为单位时填 100）</translation>
    </message>
    <message>
        <source>ISO currency code or characters, tokens, percent, credits</source>
        <translation>ISO 货币代码，或 characters、tokens、percent、credits 之一</translation>
    </message>
    <message>
        <source>JSON pointer to a field that says the call worked</source>
        <translation>指向表示调用成功的字段的 JSON 指针</translation>
    </message>
    <message>
        <source>the value success_pointer must have (default: true)</source>
        <translation>success_pointer 所指字段应有的值（默认：true）</translation>
    </message>
    <message>
        <source>Any DeepSeek API key (sk-…). Accounts may hold CNY, USD or both; the option currency chooses which one is the headline.</source>
        <translation>任意 DeepSeek API 密钥（sk-…）。账户余额可能是 CNY、USD 或两者都有；选项 currency 决定主要显示哪一种。</translation>
    </message>
    <message>
        <source>An ElevenLabs API key with the “User: Read” permission. Reports the characters left in this billing period.</source>
        <translation>具有“User: Read”权限的 ElevenLabs API 密钥。显示本计费周期剩余的字符数。</translation>
    </message>
    <message>
        <source>A virtual key (sk-…) of a LiteLLM proxy; set the base URL to the proxy. Reports the key&apos;s max_budget minus its spend, or this month&apos;s spend against monthly_budget, or only the spend; when the key belongs to a team (or a user) with a budget, the tighter of the budgets is shown.</source>
        <translation>LiteLLM 代理的虚拟密钥（sk-…）；请将接口地址设为该代理的地址。显示密钥的 max_budget 减去已消费金额；没有 max_budget 时显示本月消费相对 monthly_budget 的剩余，或只显示消费；密钥属于设有预算的团队（或用户）时，显示各预算中剩余最少的那一个。</translation>
    </message>
    <message>
        <source>An API key from platform.moonshot.cn (sk-…). Reports the available balance in CNY.</source>
        <translation>在 platform.moonshot.cn 创建的 API 密钥（sk-…）。显示以 CNY 计的可用余额。</translation>
    </message>
    <message>
        <source>An API key from platform.moonshot.ai (sk-…). Reports the available balance in USD.</source>
        <translation>在 platform.moonshot.ai 创建的 API 密钥（sk-…）。显示以 USD 计的可用余额。</translation>
    </message>
    <message>
        <source>A token (sk-…) created on a new-api or one-api relay; set the base URL to the relay&apos;s address. Reports the token&apos;s remaining quota from /api/usage/token, or from the dashboard billing endpoints on relays without it; an exhausted token shows 0. Set display to the relay&apos;s quota display unit when it is not USD.</source>
        <translation>在 new-api 或 one-api 中转站上创建的令牌（sk-…）；请将接口地址设为中转站的地址。通过 /api/usage/token 读取该令牌的剩余额度，中转站没有该接口时改用 dashboard billing 接口；额度已用尽的令牌显示为 0。中转站的额度显示单位不是 USD 时，请设置 display。</translation>
    </message>
    <message>
        <source>Relay&apos;s display unit</source>
        <translation>中转站的显示单位</translation>
    </message>
    <message>
        <source>The unit the relay shows quota in (its quota display setting): USD, CNY (read from the billing endpoints at the relay&apos;s exchange rate) or TOKENS (raw quota).</source>
        <translation>中转站显示额度所用的单位（即其额度显示设置）：USD、CNY（从 billing 接口按中转站的汇率读取）或 TOKENS（原始额度）。</translation>
    </message>
    <message>
        <source>Set to true for old one-api builds that report the remaining amount in hard_limit_usd.</source>
        <translation>旧版 one-api 会在 hard_limit_usd 中返回剩余额度，对这类站点请设为 true。</translation>
    </message>
    <message>
        <source>A system access token from the relay&apos;s personal settings page (not an sk- token), with your numeric user id as the option user_id. Reports the account&apos;s remaining quota.</source>
        <translation>中转站个人设置页面中的系统访问令牌（不是 sk- 令牌），并把您的数字用户 ID 填入选项 user_id。显示账户的剩余配额。</translation>
    </message>
    <message>
        <source>your numeric user id on the relay, sent as New-Api-User</source>
        <translation>您在中转站上的数字用户 ID，以 New-Api-User 请求头发送</translation>
    </message>
    <message>
        <source>quota units per USD as configured on the relay</source>
        <translation>中转站设置的每 USD 对应的配额单位数</translation>
    </message>
    <message>
        <source>Any Novita AI API key. Reports the available balance in USD; an account&apos;s credit line is shown beside it, not as a limit of the balance.</source>
        <translation>任意 Novita AI API 密钥。显示以 USD 计的可用余额；账户的信用额度单独列出，不作为余额的上限。</translation>
    </message>
    <message>
        <source>Needs an organization Admin key (sk-admin-…) from platform.openai.com; an ordinary sk- key cannot read costs. Reports this month&apos;s spending, and what is left of monthly_budget when you set one.</source>
        <translation>需要 platform.openai.com 的组织管理员密钥（sk-admin-…）；普通 sk- 密钥无法读取费用。显示本月的消费；设置了 monthly_budget 时，还显示该预算的剩余额度。</translation>
    </message>
    <message>
        <source>Any OpenRouter API key (sk-or-v1-…). A key with a credit limit reports what is left of it in the current day, week or month when the limit resets; for a key without a limit, a management key shows the account&apos;s credits, and an ordinary key shows only what it has spent.</source>
        <translation>任意 OpenRouter API 密钥（sk-or-v1-…）。设有额度上限的密钥显示剩余额度（上限按日、周或月重置时，显示当期剩余）；未设上限时，管理密钥显示账户余额（credits），普通密钥只显示已消费的金额。</translation>
    </message>
    <message>
        <source>Your own monthly budget; with it the remaining amount is budget minus this month&apos;s spend.</source>
        <translation>您自己设定的每月预算；设置后，剩余额度为预算减去本月消费。</translation>
    </message>
    <message>
        <source>Needs a management key from console.x.ai (not an API key) and your team id as the option team_id. Reports the team&apos;s prepaid credits.</source>
        <translation>需要 console.x.ai 中的管理密钥（不是 API 密钥），并把团队 ID 填入选项 team_id。显示团队的预付余额（credits）。</translation>
    </message>
    <message>
        <source>your team id from console.x.ai</source>
        <translation>您在 console.x.ai 上的团队 ID</translation>
    </message>
    <message>
        <source>option “%1” must be %2, not “%3”</source>
        <translation>选项“%1”应为%2，而不是“%3”</translation>
    </message>
    <message>
        <source>a non-negative number</source>
        <translation>非负数</translation>
    </message>
    <message>
        <source>a positive whole number</source>
        <translation>正整数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a JSON object like {&quot;Authorization&quot;: &quot;Bearer {key}&quot;}</source>
        <translation>JSON 对象，例如 {&quot;Authorization&quot;: &quot;Bearer {key}&quot;}</translation>
    </message>
    <message>
        <source>a JSON pointer like /data/balance</source>
        <translation>JSON 指针，例如 /data/balance</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>以下之一：%1</translation>
    </message>
    <message>
        <source>platform “%1” has no option “%2”; its options are: %3</source>
        <translation>平台“%1”没有选项“%2”；可用选项：%3</translation>
    </message>
    <message>
        <source>platform “%1” needs the option “%2” (%3)</source>
        <translation>平台“%1”需要选项“%2”（%3）</translation>
    </message>
    <message>
        <source>Preferred currency</source>
        <translation>首选货币</translation>
    </message>
    <message>
        <source>Team ID</source>
        <translation>团队 ID</translation>
    </message>
    <message>
        <source>Old one-api balance field</source>
        <translation>旧版 one-api 余额字段</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <source>Quota units per USD</source>
        <translation>每美元额度单位数</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>Remaining amount field</source>
        <translation>剩余额度字段</translation>
    </message>
    <message>
        <source>Used amount field</source>
        <translation>已用额度字段</translation>
    </message>
    <message>
        <source>Limit field</source>
        <translation>限额字段</translation>
    </message>
    <message>
        <source>Divide amounts by</source>
        <translation>金额除数</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Success field</source>
        <translation>成功标志字段</translation>
    </message>
    <message>
        <source>Success value</source>
        <translation>成功标志值</translation>
    </message>
    <message>
        <source>Monthly budget</source>
        <translation>每月预算</translation>
    </message>
    <message>
        <source>The API key of a Kimi Code plan (kimi.com, sk-kimi-…). Reports the weekly quota or the five-hour window with the least left, in requests, and every window beside it.</source>
        <translation>Kimi Code 套餐的 API 密钥（kimi.com，sk-kimi-…）。以请求次数显示每周额度与五小时窗口中剩余比例最低的一个，并列出其余每个窗口。</translation>
    </message>
    <message>
        <source>The API key of a MiniMax Coding Plan or Token Plan (platform.minimaxi.com). Reports the five-hour or weekly window of the general models with the least left, in requests, and every window beside it.</source>
        <translation>MiniMax Coding Plan 或 Token Plan 的 API 密钥（platform.minimaxi.com）。以请求次数显示通用模型五小时窗口与每周窗口中剩余比例最低的一个，并列出其余每个窗口。</translation>
    </message>
    <message>
        <source>The API key of a MiniMax Coding Plan or Token Plan (platform.minimax.io, international). Reports the five-hour or weekly window of the general models with the least left, in requests, and every window beside it.</source>
        <translation>MiniMax Coding Plan 或 Token Plan 的 API 密钥（platform.minimax.io，国际版）。以请求次数显示通用模型五小时窗口与每周窗口中剩余比例最低的一个，并列出其余每个窗口。</translation>
    </message>
    <message>
        <source>The API key of a GLM Coding Plan subscription (open.bigmodel.cn). Reports the five-hour or weekly window with the least left, every window beside it, and the monthly MCP quota.</source>
        <translation>GLM Coding Plan 订阅的 API 密钥（open.bigmodel.cn）。显示五小时窗口与每周窗口中剩余比例最低的一个，并列出其余每个窗口和每月 MCP 额度。</translation>
    </message>
    <message>
        <source>The API key of a GLM Coding Plan subscription on z.ai (international). Reports the five-hour or weekly window with the least left, every window beside it, and the monthly MCP quota.</source>
        <translation>z.ai（国际版）GLM Coding Plan 订阅的 API 密钥。显示五小时窗口与每周窗口中剩余比例最低的一个，并列出其余每个窗口和每月 MCP 额度。</translation>
    </message>
    <message>
        <source>A DeepInfra API key of the account owner. Reports the prepaid money left in USD (negative when the account owes money) and this month&apos;s spend; a suspended account is reported as a failing key with DeepInfra&apos;s reason.</source>
        <translation>账户所有者的 DeepInfra API 密钥。显示以 USD 计的剩余预付金额（账户欠款时为负数）和本月的消费；账户被暂停时显示为密钥失效，并附上 DeepInfra 给出的原因。</translation>
    </message>
    <message>
        <source>A Poe API key (poe.com/api_key). Reports the points left on the account, in points.</source>
        <translation>Poe API 密钥（poe.com/api_key）。显示账户剩余的积分，单位为积分。</translation>
    </message>
    <message>
        <source>A Venice.ai admin API key: Venice shows balances to admin keys only, and refuses an inference-only key. Reports the USD and DIEM balances; the headline is the one the account spends now.</source>
        <translation>Venice.ai 的管理员（admin）API 密钥：Venice 只向管理员密钥提供余额，仅限推理的密钥会被拒绝。显示 USD 和 DIEM 两种余额；主要显示账户当前正在消费的那一种。</translation>
    </message>
    <message>
        <source>An AI Gateway API key from the Vercel dashboard (AI Gateway → API Keys). Reports the team&apos;s remaining AI Gateway credits in USD and what has been used of them.</source>
        <translation>Vercel 控制台中的 AI Gateway API 密钥（AI Gateway → API Keys）。显示团队剩余的 AI Gateway 额度（USD）以及已用掉的金额。</translation>
    </message>
    <message>
        <source>Any API key of SiliconFlow&apos;s international site (sk-…). Reports the total balance in USD, with the gift credit and the paid balance beside it.</source>
        <translation>硅基流动（SiliconFlow）国际站的任意 API 密钥（sk-…）。以美元显示总余额，并同时列出赠送余额和充值余额。</translation>
    </message>
    <message>
        <source>No balance or usage API for API keys: usage and billing are only in the GroqCloud console. Put the key behind a relay such as new-api or LiteLLM with a budget, and watch the relay&apos;s key instead.</source>
        <translation>API 密钥没有余额或用量接口：用量和账单只能在 GroqCloud 控制台查看。请把密钥放到 new-api 或 LiteLLM 等中转服务后面并设置预算，改为监控中转服务的密钥。</translation>
    </message>
    <message>
        <source>No balance API: La Plateforme shows usage and billing only in its console. Put the key behind a relay such as new-api or LiteLLM with a budget, and watch the relay&apos;s key instead.</source>
        <translation>没有余额接口：La Plateforme 只在其控制台显示用量和账单。请把密钥放到 new-api 或 LiteLLM 等中转服务后面并设置预算，改为监控中转服务的密钥。</translation>
    </message>
    <message>
        <source>No balance API for API keys: the credit balance is shown only in the Together console. Put the key behind a relay such as new-api or LiteLLM with a budget, and watch the relay&apos;s key instead.</source>
        <translation>API 密钥没有余额接口：额度余额只在 Together 控制台显示。请把密钥放到 new-api 或 LiteLLM 等中转服务后面并设置预算，改为监控中转服务的密钥。</translation>
    </message>
    <message>
        <source>Gemini API keys have no balance or quota API: billing runs through Google Cloud Billing, which an API key cannot read. Set a budget in Cloud Billing, or put the key behind a LiteLLM proxy with a budget and watch that.</source>
        <translation>Gemini API 密钥没有余额或配额接口：计费通过 Google Cloud Billing 进行，API 密钥无法读取。请在 Cloud Billing 中设置预算，或把密钥放到设有预算的 LiteLLM 代理后面并监控该代理。</translation>
    </message>
    <message>
        <source>An Azure OpenAI key reads no balance: spending is in Azure Cost Management, which needs Microsoft Entra credentials, not the key. Set an Azure budget, or put a LiteLLM proxy with a budget in front of it and watch that.</source>
        <translation>Azure OpenAI 密钥读不到余额：费用记录在 Azure 成本管理中，需要 Microsoft Entra 凭据而不是该密钥。请设置 Azure 预算，或在它前面放一个设有预算的 LiteLLM 代理并监控该代理。</translation>
    </message>
    <message>
        <source>Bedrock keys have no balance: costs are in AWS Cost Explorer and Budgets, which need IAM credentials. Set an AWS budget, or put a LiteLLM proxy with a budget in front of Bedrock and watch that.</source>
        <translation>Bedrock 密钥没有余额：费用在 AWS Cost Explorer 和 Budgets 中，需要 IAM 凭据。请设置 AWS 预算，或在 Bedrock 前面放一个设有预算的 LiteLLM 代理并监控该代理。</translation>
    </message>
    <message>
        <source>No balance API: API credits are shown only on the API settings page of the Perplexity console. Put the key behind a relay such as new-api or LiteLLM with a budget, and watch the relay&apos;s key instead.</source>
        <translation>没有余额接口：API 额度只在 Perplexity 控制台的 API 设置页面显示。请把密钥放到 new-api 或 LiteLLM 等中转服务后面并设置预算，改为监控中转服务的密钥。</translation>
    </message>
    <message>
        <source>Fireworks reports only spending (its billing summary), never the balance left. Put the key behind a relay such as LiteLLM with a monthly budget, or point a custom endpoint at a service that reports the balance.</source>
        <translation>Fireworks 只提供消费金额（账单汇总），从不提供剩余余额。请把密钥放到设有每月预算的 LiteLLM 等中转服务后面，或用自定义接口指向能报告余额的服务。</translation>
    </message>
    <message>
        <source>SiliconFlow retired the China balance endpoint (api.siliconflow.cn/v1/user/info) on 2026-08-14: it answers HTTP 410 and no API key can read the balance any more. Keys of the international site (api.siliconflow.com) work with siliconflow-intl.</source>
        <translation>硅基流动已于 2026-08-14 下线国内站的余额接口（api.siliconflow.cn/v1/user/info）：它返回 HTTP 410，任何 API 密钥都无法再读取余额。国际站（api.siliconflow.com）的密钥请使用 siliconflow-intl。</translation>
    </message>
</context>
<context>
    <name>qw::ui::AccessTokenDialog</name>
    <message>
        <source>Access token “%1”</source>
        <translation>访问令牌“%1”</translation>
    </message>
    <message>
        <source>Scripts and Prometheus sign in with this token, sent as “Authorization: Bearer &lt;token&gt;”.</source>
        <translation>脚本和 Prometheus 使用此令牌登录，以“Authorization: Bearer &lt;token&gt;”发送。</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copy it now: it is stored only as a hash and will not be shown again. If it is lost, revoke it and create another.</source>
        <translation>请立即复制：令牌只以哈希形式保存，不会再次显示。如果丢失，请吊销它并创建新的令牌。</translation>
    </message>
</context>
<context>
    <name>qw::ui::AlertTableModel</name>
    <message>
        <source>Nothing to retry here: it was delivered or is being sent.</source>
        <translation>这里没有可重试的：它已送达或正在发送。</translation>
    </message>
    <message>
        <source>Removed key</source>
        <translation>已删除的密钥</translation>
    </message>
    <message>
        <source>Removed channel</source>
        <translation>已删除的通道</translation>
    </message>
    <message>
        <source>Delivered %1</source>
        <translation>已于 %1 送达</translation>
    </message>
    <message>
        <source>Not delivered: gave up after %1 attempts</source>
        <translation>未送达：尝试 %1 次后已放弃</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>Not delivered yet: attempt %1 failed, retrying %2</source>
        <translation>尚未送达：第 %1 次尝试失败，将于 %2 重试</translation>
    </message>
    <message>
        <source>No channel to deliver to</source>
        <translation>没有可送达的通道</translation>
    </message>
    <message>
        <source>%1 of %2 failing</source>
        <translation>%2 个中有 %1 个失败</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Delivered to all %1</source>
        <translation>已全部送达（%1 个）</translation>
    </message>
    <message>
        <source>Delivered to %1 of %2</source>
        <translation>已送达 %2 个中的 %1 个</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Key / channel</source>
        <translation>密钥 / 通道</translation>
    </message>
    <message>
        <source>Message / error</source>
        <translation>消息 / 错误</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>送达</translation>
    </message>
</context>
<context>
    <name>qw::ui::AlertsView</name>
    <message>
        <source>The alerts cannot be read: %1</source>
        <translation>无法读取告警：%1</translation>
    </message>
    <message>
        <source>Cannot retry: %1</source>
        <translation>无法重试：%1</translation>
    </message>
    <message>
        <source>Alerts — QuotaWatch</source>
        <translation>告警 — QuotaWatch</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>立即重试(&amp;R)</translation>
    </message>
    <message>
        <source>Send the selected delivery again now, or every failing delivery of the selected alert</source>
        <translation>立即重新发送所选的送达，或所选告警中每个失败的送达</translation>
    </message>
    <message>
        <source>No alert has been raised yet.</source>
        <translation>尚未产生任何告警。</translation>
    </message>
    <message numerus="yes">
        <source>%n deliveries failing. Select one to see why, and retry it.</source>
        <translation>
            <numerusform>%n 个送达失败。选择一个查看原因并重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every delivery went through or is on its way.</source>
        <translation>所有送达均已完成或正在进行。</translation>
    </message>
</context>
<context>
    <name>qw::ui::BalanceChart</name>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Forecast to empty</source>
        <translation>耗尽预测</translation>
    </message>
    <message>
        <source>Top-ups</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>No successful checks in this range</source>
        <translation>此时间范围内没有成功的检查</translation>
    </message>
    <message>
        <source>%1
checked %2</source>
        <translation>%1
检查于 %2</translation>
    </message>
    <message>
        <source>Top-up of %1</source>
        <translation>充值 %1</translation>
    </message>
</context>
<context>
    <name>qw::ui::ChannelEditorDialog</name>
    <message>
        <source>Certificate authorities (PEM)</source>
        <translation>CA 证书（PEM）</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Default (465)</source>
        <translation>默认（465）</translation>
    </message>
    <message>
        <source>Default (587)</source>
        <translation>默认（587）</translation>
    </message>
    <message>
        <source>Add Notification Channel</source>
        <translation>添加通知渠道</translation>
    </message>
    <message>
        <source>Edit Notification Channel</source>
        <translation>编辑通知渠道</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. Team alerts</source>
        <translation>例如：团队告警</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Webhook (QuotaWatch JSON)</source>
        <translation>Webhook（QuotaWatch JSON）</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>Discord</source>
        <translation>Discord</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Feishu / Lark</source>
        <translation>飞书 / Lark</translation>
    </message>
    <message>
        <source>DingTalk</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <source>SMTP ser&amp;ver:</source>
        <translation>SMTP 服务器(&amp;V)：</translation>
    </message>
    <message>
        <source>smtp.example.com</source>
        <translation>smtp.example.com</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>加密方式(&amp;E)：</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>None (unencrypted)</source>
        <translation>无（不加密）</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Leave empty when the server needs no login</source>
        <translation>服务器无需登录时留空</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>发件人(&amp;M)：</translation>
    </message>
    <message>
        <source>alerts@example.com</source>
        <translation>alerts@example.com</translation>
    </message>
    <message>
        <source>Rec&amp;ipients (To):</source>
        <translation>收件人(&amp;I)：</translation>
    </message>
    <message>
        <source>Addresses separated by commas</source>
        <translation>多个地址用逗号分隔</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>CA 文件(&amp;C)：</translation>
    </message>
    <message>
        <source>Optional: for a server with its own certificate</source>
        <translation>可选：用于使用自有证书的服务器</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>显示(&amp;H)</translation>
    </message>
    <message>
        <source>Chat &amp;ID:</source>
        <translation>聊天 ID(&amp;I)：</translation>
    </message>
    <message>
        <source>A chat number or @channel name</source>
        <translation>聊天编号或 @频道名称</translation>
    </message>
    <message>
        <source>&amp;Parse mode:</source>
        <translation>解析模式(&amp;P)：</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>Signing se&amp;cret:</source>
        <translation>加签密钥(&amp;C)：</translation>
    </message>
    <message>
        <source>Alerts to send</source>
        <translation>要发送的告警</translation>
    </message>
    <message>
        <source>&amp;Low balance</source>
        <translation>余额不足(&amp;L)</translation>
    </message>
    <message>
        <source>Key &amp;failing</source>
        <translation>密钥异常(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Recovered</source>
        <translation>已恢复(&amp;R)</translation>
    </message>
    <message>
        <source>T&amp;op-up</source>
        <translation>充值(&amp;O)</translation>
    </message>
    <message>
        <source>Running &amp;dry soon</source>
        <translation>即将用完(&amp;D)</translation>
    </message>
    <message>
        <source>Spendin&amp;g spike</source>
        <translation>消费激增(&amp;G)</translation>
    </message>
    <message>
        <source>None checked: every alert.</source>
        <translation>都不勾选：发送所有告警。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>发送测试(&amp;T)</translation>
    </message>
    <message>
        <source>This channel no longer exists; it may have been removed elsewhere.</source>
        <translation>此通知渠道已不存在，可能已在别处被删除。</translation>
    </message>
    <message>
        <source>The channel cannot be read: %1</source>
        <translation>无法读取通知渠道：%1</translation>
    </message>
    <message>
        <source>The stored secrets of this channel cannot be opened (%1). Enter them again.</source>
        <translation>无法解密此通知渠道已保存的机密信息（%1）。请重新输入。</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored password</source>
        <translation>留空则保留已保存的密码</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored URL</source>
        <translation>留空则保留已保存的 URL</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored secret</source>
        <translation>留空则保留已保存的加签密钥</translation>
    </message>
    <message>
        <source>Optional, e.g. SEC…</source>
        <translation>可选，例如 SEC…</translation>
    </message>
    <message>
        <source>QuotaWatch posts its JSON alert payload to this URL.</source>
        <translation>QuotaWatch 会将 JSON 格式的告警数据发送到此 URL。</translation>
    </message>
    <message>
        <source>An incoming-webhook URL: https://hooks.slack.com/services/…</source>
        <translation>Incoming Webhook 地址：https://hooks.slack.com/services/…</translation>
    </message>
    <message>
        <source>A channel webhook URL: https://discord.com/api/webhooks/…</source>
        <translation>频道的 Webhook 地址：https://discord.com/api/webhooks/…</translation>
    </message>
    <message>
        <source>The bot API URL with your bot&apos;s token: https://api.telegram.org/bot&lt;token&gt;</source>
        <translation>包含机器人令牌的 Bot API 地址：https://api.telegram.org/bot&lt;token&gt;</translation>
    </message>
    <message>
        <source>The custom bot&apos;s webhook URL: https://open.feishu.cn/open-apis/bot/v2/hook/…</source>
        <translation>自定义机器人的 Webhook 地址：https://open.feishu.cn/open-apis/bot/v2/hook/…</translation>
    </message>
    <message>
        <source>The custom robot&apos;s URL: https://oapi.dingtalk.com/robot/send?access_token=…</source>
        <translation>自定义机器人的 Webhook 地址：https://oapi.dingtalk.com/robot/send?access_token=…</translation>
    </message>
    <message>
        <source>The group robot&apos;s URL: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</source>
        <translation>群机器人的 Webhook 地址：https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</translation>
    </message>
    <message>
        <source>Anyone with this URL can post to it: it is stored encrypted and not shown again.</source>
        <translation>任何知道此 URL 的人都能向其发送消息：它会加密保存，且不再显示。</translation>
    </message>
    <message>
        <source>Give the channel a name.</source>
        <translation>请为通知渠道命名。</translation>
    </message>
    <message>
        <source>Enter the SMTP server&apos;s host name.</source>
        <translation>请输入 SMTP 服务器的主机名。</translation>
    </message>
    <message>
        <source>Enter the sender&apos;s address (From).</source>
        <translation>请输入发件人地址。</translation>
    </message>
    <message>
        <source>Enter at least one recipient (To).</source>
        <translation>请至少输入一个收件人。</translation>
    </message>
    <message>
        <source>Enter the password for %1.</source>
        <translation>请输入 %1 的密码。</translation>
    </message>
    <message>
        <source>Enter the webhook URL.</source>
        <translation>请输入 Webhook 地址。</translation>
    </message>
    <message>
        <source>Enter the Telegram chat ID: the chat number (ask @userinfobot) or an @channel name.</source>
        <translation>请输入 Telegram 聊天 ID：聊天编号（可向 @userinfobot 查询）或 @频道名称。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Not saved: this channel no longer exists; it may have been removed elsewhere.</source>
        <translation>未保存：此通知渠道已不存在，可能已在别处被删除。</translation>
    </message>
    <message>
        <source>Cannot send a test: %1</source>
        <translation>无法发送测试消息：%1</translation>
    </message>
    <message>
        <source>Sending a test message…</source>
        <translation>正在发送测试消息…</translation>
    </message>
    <message>
        <source>The test message was sent. Check that it arrived.</source>
        <translation>测试消息已发送，请确认是否收到。</translation>
    </message>
    <message>
        <source>The test message was not sent: %1</source>
        <translation>测试消息发送失败：%1</translation>
    </message>
</context>
<context>
    <name>qw::ui::CheckActivity</name>
    <message>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>checking… %1 s</source>
        <translation>检查中… %1 秒</translation>
    </message>
    <message>
        <source>Checking %1 of %2 keys…</source>
        <translation>正在检查第 %1 个密钥（共 %2 个）…</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n key(s)…</source>
        <translation>
            <numerusform>正在检查 %n 个密钥…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qw::ui::CheckAllProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop checking every key: the checks already running finish and are kept</source>
        <translation>停止检查全部密钥：已在进行的检查会完成并保留结果</translation>
    </message>
    <message>
        <source>Checked %v of %m</source>
        <translation>已检查 %v / %m</translation>
    </message>
</context>
<context>
    <name>qw::ui::CheckTableModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Checked at</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>qw::ui::DesktopRestServer</name>
    <message>
        <source>this build of QuotaWatch has no REST API</source>
        <translation>此版本的 QuotaWatch 不含 REST API</translation>
    </message>
    <message>
        <source>REST API on %1</source>
        <translation>REST API：%1</translation>
    </message>
    <message>
        <source>REST API not started: %1</source>
        <translation>REST API 未启动：%1</translation>
    </message>
</context>
<context>
    <name>qw::ui::EmptyState</name>
    <message>
        <source>Watch your AI API keys</source>
        <translation>监控您的 AI API 密钥</translation>
    </message>
    <message>
        <source>QuotaWatch checks the balance, credit or quota of your API keys on a schedule, keeps the history of every check and warns you before a key runs dry or stops working.</source>
        <translation>QuotaWatch 定时检查您的 API 密钥的余额、额度或配额，保存每次检查的历史记录，并在密钥用完或失效之前提醒您。</translation>
    </message>
    <message>
        <source>Add your first key</source>
        <translation>添加第一个密钥</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>A CSV file with a header row: name, platform, secret, and optionally base_url, threshold, interval, options</source>
        <translation>带表头行的 CSV 文件：name、platform、secret，以及可选的 base_url、threshold、interval、options</translation>
    </message>
</context>
<context>
    <name>qw::ui::KeyDetailWindow</name>
    <message>
        <source>24 h</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 天</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 天</translation>
    </message>
    <message>
        <source>90 d</source>
        <translation>90 天</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the checks of the selected range as a CSV file</source>
        <translation>将所选时间范围内的检查记录保存为 CSV 文件</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <source>The key cannot be read: %1</source>
        <translation>无法读取密钥：%1</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>密钥 %1</translation>
    </message>
    <message>
        <source>This key no longer exists</source>
        <translation>此密钥已不存在</translation>
    </message>
    <message>
        <source>%1 — History</source>
        <translation>%1 — 历史记录</translation>
    </message>
    <message>
        <source>The latest check cannot be read: %1</source>
        <translation>无法读取最近一次检查：%1</translation>
    </message>
    <message>
        <source>The history cannot be read: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>The checks cannot be read: %1</source>
        <translation>无法读取检查记录：%1</translation>
    </message>
    <message>
        <source>alert below %1 % of the limit</source>
        <translation>低于限额的 %1% 时告警</translation>
    </message>
    <message>
        <source>alert below %1</source>
        <translation>低于 %1 时告警</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Never checked</source>
        <translation>从未检查</translation>
    </message>
    <message>
        <source>Last checked %1</source>
        <translation>上次检查：%1</translation>
    </message>
    <message>
        <source>Last check %1 failed: %2</source>
        <translation>上次检查（%1）失败：%2</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>The check could not be stored: %1</source>
        <translation>无法保存检查结果：%1</translation>
    </message>
    <message>
        <source>Checked: %1 remaining.</source>
        <translation>检查完成：剩余 %1。</translation>
    </message>
    <message>
        <source>Checked.</source>
        <translation>检查完成。</translation>
    </message>
    <message>
        <source>Export checks</source>
        <translation>导出检查记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Out of credit</source>
        <translation>余额已用完</translation>
    </message>
</context>
<context>
    <name>qw::ui::KeyEditorDialog</name>
    <message>
        <source>Add Key</source>
        <translation>添加密钥</translation>
    </message>
    <message>
        <source>Send the secret to %1?</source>
        <translation>将密钥发送到 %1？</translation>
    </message>
    <message>
        <source>This change sends the stored secret of “%1” to %2, where it was not sent before. Send it there? To use another secret, choose No and enter it.</source>
        <translation>此修改会把“%1”已保存的密钥发送到 %2，此前从未发送到那里。确定发送吗？如要使用其他密钥，请选择“否”并输入密钥。</translation>
    </message>
    <message>
        <source>the stored secret was not sent to %1; enter the secret to save this address</source>
        <translation>已保存的密钥未发送到 %1；请输入密钥以保存此地址</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>Check the key once with these settings, without saving it.</source>
        <translation>用当前设置检查一次密钥，但不保存。</translation>
    </message>
    <message>
        <source>The key could not be read: %1</source>
        <translation>无法读取密钥：%1</translation>
    </message>
    <message>
        <source>This key no longer exists; it may have been removed elsewhere.</source>
        <translation>此密钥已不存在，可能已在别处被删除。</translation>
    </message>
    <message>
        <source>This key uses the platform “%1”, which this version of QuotaWatch does not know.</source>
        <translation>此密钥使用的平台“%1”不受当前版本的 QuotaWatch 支持。</translation>
    </message>
    <message>
        <source>Edit Key</source>
        <translation>编辑密钥</translation>
    </message>
    <message>
        <source>Edit Key — %1</source>
        <translation>编辑密钥 — %1</translation>
    </message>
    <message>
        <source>To save: %1</source>
        <translation>保存前请先处理：%1</translation>
    </message>
    <message>
        <source>The key was not saved: %1</source>
        <translation>密钥未保存：%1</translation>
    </message>
    <message>
        <source>Fix the marked fields first: %1</source>
        <translation>请先修正标出的字段：%1</translation>
    </message>
    <message>
        <source>The stored secret cannot be used (%1); type the secret again.</source>
        <translation>无法使用已保存的密钥（%1），请重新输入。</translation>
    </message>
    <message>
        <source>Type the key&apos;s secret to test it.</source>
        <translation>请先输入密钥再测试。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Test again with the current settings; the running test is dropped.</source>
        <translation>用当前设置重新测试；正在进行的测试将被放弃。</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <source>Add many keys from a CSV file with the columns name, platform, secret and optionally base_url, threshold, interval, options.</source>
        <translation>从 CSV 文件批量添加密钥，列为 name、platform、secret，可选 base_url、threshold、interval、options。</translation>
    </message>
    <message>
        <source>Import keys from CSV</source>
        <translation>从 CSV 导入密钥</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2. Nothing was imported.</source>
        <translation>无法导入 %1：%2。未导入任何内容。</translation>
    </message>
    <message>
        <source>Imported %1, skipped %2.</source>
        <translation>已导入 %1，跳过 %2。</translation>
    </message>
    <message>
        <source>1 key</source>
        <translation>1 个密钥</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>%1 个密钥</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>Line %1 skipped: %2</source>
        <translation>已跳过第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>qw::ui::KeyEditorForm</name>
    <message>
        <source>e.g. DeepSeek production</source>
        <translation>例如：DeepSeek 生产环境</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>名称(&amp;N) *</translation>
    </message>
    <message>
        <source>&amp;Platform</source>
        <translation>平台(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Secret *</source>
        <translation>密钥(&amp;S) *</translation>
    </message>
    <message>
        <source>Base &amp;URL</source>
        <translation>接口地址(&amp;U)</translation>
    </message>
    <message>
        <source>Empty: the platform&apos;s own address. Give a relay&apos;s or proxy&apos;s address to check through it.</source>
        <translation>留空则使用平台官方地址。填写中转站或代理的地址，即可通过它进行检查。</translation>
    </message>
    <message>
        <source>e.g. 12.5 or 20%</source>
        <translation>例如 12.5 或 20%</translation>
    </message>
    <message>
        <source>&amp;Threshold</source>
        <translation>阈值(&amp;T)</translation>
    </message>
    <message>
        <source>Alert when the remaining amount falls below this number (in the key&apos;s currency or unit) or below this share of the limit. Empty: no low-balance alert.</source>
        <translation>剩余额度低于此数值（以密钥的货币或单位计）或低于限额的此比例时告警。留空：不发送余额不足告警。</translation>
    </message>
    <message>
        <source>How often the key is checked: pick a value or type one such as 90s, 45m or 2h (10s to 24h).</source>
        <translation>检查此密钥的频率：选择一个值，或输入 90s、45m、2h 这样的值（10s 至 24h）。</translation>
    </message>
    <message>
        <source>Check &amp;every</source>
        <translation>检查间隔(&amp;E)</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. prod, team-a</source>
        <translation>用逗号分隔，例如 prod, team-a</translation>
    </message>
    <message>
        <source>T&amp;ags</source>
        <translation>标签(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Check this key on schedule</source>
        <translation>按计划检查此密钥(&amp;C)</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Relays, proxies and custom endpoints</source>
        <translation>中转站、代理和自定义接口</translation>
    </message>
    <message>
        <source>&amp;Secret</source>
        <translation>密钥(&amp;S)</translation>
    </message>
    <message>
        <source>Stored — leave empty to keep it</source>
        <translation>已保存 — 留空则保持不变</translation>
    </message>
    <message>
        <source>Stored (%1) — leave empty to keep it</source>
        <translation>已保存（%1）— 留空则保持不变</translation>
    </message>
    <message>
        <source>Base &amp;URL *</source>
        <translation>接口地址(&amp;U) *</translation>
    </message>
    <message>
        <source>Options of this platform (* required)</source>
        <translation>平台选项（* 为必填）</translation>
    </message>
    <message>
        <source>Options of this platform</source>
        <translation>平台选项</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Hide the secret</source>
        <translation>隐藏密钥</translation>
    </message>
    <message>
        <source>Show the secret</source>
        <translation>显示密钥</translation>
    </message>
    <message>
        <source>No balance an API key can read</source>
        <translation>无法用 API 密钥读取余额</translation>
    </message>
    <message>
        <source>Allow plain &amp;http:// to another machine</source>
        <translation>允许向另一台机器使用明文 &amp;http://</translation>
    </message>
    <message>
        <source>Warning: the secret is then sent unencrypted; anyone on the network path can read it. Only for a relay on a network you trust. https:// and localhost need no permission.</source>
        <translation>警告：密钥将以未加密的形式发送，网络路径上的任何人都能读取。仅适用于你信任的网络中的中转站。https:// 和 localhost 无需此许可。</translation>
    </message>
    <message>
        <source>Choose a platform…</source>
        <translation>选择平台…</translation>
    </message>
    <message>
        <source>Required, e.g. https://relay.example.com</source>
        <translation>必填，例如 https://relay.example.com</translation>
    </message>
    <message>
        <source>Required: %1 has no address of its own. Give the address of your relay, proxy or server.</source>
        <translation>必填：%1 没有自己的默认地址。请填写你的中转、代理或服务器的地址。</translation>
    </message>
    <message>
        <source>choose a platform</source>
        <translation>请选择平台</translation>
    </message>
</context>
<context>
    <name>qw::ui::KeyTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message>
        <source>1 day ago</source>
        <translation>1 天前</translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>Exactly %1</source>
        <translation>精确值：%1</translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation>密钥：%1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>%1 used of %2</source>
        <translation>已用 %1，共 %2</translation>
    </message>
    <message>
        <source>%1% of the limit left</source>
        <translation>限额剩余 %1%</translation>
    </message>
    <message>
        <source>%1% left</source>
        <translation>剩余 %1%</translation>
    </message>
    <message>
        <source>The middle of the bar is the threshold, %1</source>
        <translation>进度条中点为阈值 %1</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>正在加载历史记录…</translation>
    </message>
    <message>
        <source>No successful check in the last 7 days</source>
        <translation>最近 7 天内没有成功的检查</translation>
    </message>
    <message>
        <source>Spending about %1 a day over the last 7 days</source>
        <translation>最近 7 天平均每天消费约 %1</translation>
    </message>
    <message>
        <source>Nothing spent in the last 7 days</source>
        <translation>最近 7 天没有消费</translation>
    </message>
    <message>
        <source>Below the threshold of %1</source>
        <translation>低于阈值 %1</translation>
    </message>
    <message>
        <source>Paused: not checked on schedule</source>
        <translation>已暂停：不按计划检查</translation>
    </message>
    <message>
        <source>How full the key is: what remains as a share of its limit, or, without a limit, of twice its alert threshold, so that half full is the threshold</source>
        <translation>密钥的剩余水平：剩余占限额的比例；没有限额时，占提醒阈值两倍的比例，即半满处为阈值</translation>
    </message>
    <message>
        <source>Remaining over the last 7 days</source>
        <translation>最近 7 天的剩余走势</translation>
    </message>
    <message>
        <source>Time until empty at the spending rate of the last 7 days, in hours when it is less than a day</source>
        <translation>按最近 7 天的消费速度，预计还能用多久（不足一天时以小时计）</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>余量</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Last check</source>
        <translation>上次检查</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Out of credit</source>
        <translation>余额已用完</translation>
    </message>
    <message>
        <source>Too early</source>
        <translation>数据不足</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>已用完</translation>
    </message>
    <message>
        <source>&lt; 1 h</source>
        <translation>不足 1 小时</translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>The limit of %1 is used up</source>
        <translation>限额 %1 已用完</translation>
    </message>
    <message>
        <source>Nothing left</source>
        <translation>已无剩余</translation>
    </message>
    <message>
        <source>Too few checks to forecast from yet: it takes 6 hours of checks, or 3 checks over 10 minutes of a key that drains fast</source>
        <translation>检查记录太少，暂时无法预测：需要 6 小时的检查记录；消耗很快的密钥需要 10 分钟内的 3 次检查</translation>
    </message>
    <message>
        <source>No limit and no alert threshold to measure the level against, so this shows the 7-day trend: set a threshold in the key&apos;s settings for a level</source>
        <translation>没有限额也没有提醒阈值，无法衡量剩余水平，因此这里显示 7 天走势：在密钥设置中设置阈值即可显示水平</translation>
    </message>
</context>
<context>
    <name>qw::ui::KeyTestRunner</name>
    <message>
        <source>balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>key limit</source>
        <translation>密钥限额</translation>
    </message>
    <message>
        <source>spend</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>quota</source>
        <translation>配额</translation>
    </message>
    <message>
        <source>OK — %1 remaining</source>
        <translation>正常 — 剩余 %1</translation>
    </message>
    <message>
        <source>OK — %1 remaining (%2)</source>
        <translation>正常 — 剩余 %1（%2）</translation>
    </message>
    <message>
        <source>OK — %1 used</source>
        <translation>正常 — 已用 %1</translation>
    </message>
    <message>
        <source>OK — %1 used (%2)</source>
        <translation>正常 — 已用 %1（%2）</translation>
    </message>
    <message>
        <source>OK — the provider accepted the key</source>
        <translation>正常 — 服务商接受了该密钥</translation>
    </message>
    <message>
        <source>used %1</source>
        <translation>已用 %1</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>限额 %1</translation>
    </message>
    <message>
        <source>balances %1</source>
        <translation>各项余额 %1</translation>
    </message>
    <message>
        <source>resets %1</source>
        <translation>重置时间 %1</translation>
    </message>
    <message>
        <source>answered in %1 ms</source>
        <translation>响应耗时 %1 ms</translation>
    </message>
</context>
<context>
    <name>qw::ui::MainWindow</name>
    <message>
        <source>QuotaWatch</source>
        <translation>QuotaWatch</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
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
        <source>The keys cannot be read: %1</source>
        <translation>无法读取密钥：%1</translation>
    </message>
    <message>
        <source>999 days</source>
        <translation>999 天</translation>
    </message>
    <message>
        <source>59 min ago</source>
        <translation>59 分钟前</translation>
    </message>
    <message>
        <source>&amp;Add key…</source>
        <translation>添加密钥(&amp;A)…</translation>
    </message>
    <message>
        <source>Add a key to watch (%1)</source>
        <translation>添加要监控的密钥（%1）</translation>
    </message>
    <message>
        <source>&amp;Check all</source>
        <translation>全部检查(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Pause checks</source>
        <translation>暂停检查(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;About QuotaWatch</source>
        <translation>关于 QuotaWatch(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>密钥(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Search name, platform, tag…</source>
        <translation>搜索名称、平台、标签…</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>所有平台</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>所有标签</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>%1 running low</source>
        <translation>%1 个余额不足</translation>
    </message>
    <message>
        <source>%1 failing</source>
        <translation>%1 个异常</translation>
    </message>
    <message>
        <source>Check all cancelled; the checks already running were kept.</source>
        <translation>已取消全部检查；已在进行的检查结果已保留。</translation>
    </message>
    <message>
        <source>Every key checked.</source>
        <translation>所有密钥均已检查。</translation>
    </message>
    <message>
        <source>Check &amp;now</source>
        <translation>立即检查(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy hint</source>
        <translation>复制密钥提示(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete key</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <source>Delete “%1” and its whole history? The key itself stays valid at the provider.</source>
        <translation>删除“%1”及其全部历史记录？该密钥在服务商处仍然有效。</translation>
    </message>
    <message>
        <source>Export keys as CSV</source>
        <translation>将密钥导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1 to %2</source>
        <translation>已将 %1 导出到 %2</translation>
    </message>
    <message>
        <source>&amp;Import keys from CSV…</source>
        <translation>从 CSV 导入密钥(&amp;I)…</translation>
    </message>
    <message>
        <source>Import keys from CSV</source>
        <translation>从 CSV 导入密钥</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2

Nothing was imported.</source>
        <translation>无法导入 %1：%2

未导入任何密钥。</translation>
    </message>
    <message>
        <source>Imported %1 from %2</source>
        <translation>已从 %2 导入 %1</translation>
    </message>
    <message>
        <source>About QuotaWatch</source>
        <translation>关于 QuotaWatch</translation>
    </message>
    <message>
        <source>&lt;h3&gt;QuotaWatch %1&lt;/h3&gt;&lt;p&gt;Watches the balance, credit and quota of your AI API keys, keeps their history and warns you before one runs dry.&lt;/p&gt;&lt;p&gt;API keys are stored encrypted under a master key %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QuotaWatch %1&lt;/h3&gt;&lt;p&gt;监控您的 AI API 密钥的余额、额度和配额，保存历史记录，并在密钥用完之前提醒您。&lt;/p&gt;&lt;p&gt;API 密钥使用主密钥加密存储，主密钥%2。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>QuotaWatch is still running</source>
        <translation>QuotaWatch 仍在运行</translation>
    </message>
    <message>
        <source>It keeps checking your keys in the tray. Quit from the tray menu.</source>
        <translation>它会在托盘中继续检查您的密钥。如需退出，请使用托盘菜单。</translation>
    </message>
    <message>
        <source>Add key</source>
        <translation>添加密钥</translation>
    </message>
    <message>
        <source>Check all</source>
        <translation>全部检查</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>The 7-day trends cannot be read: %1</source>
        <translation>无法读取 7 天趋势：%1</translation>
    </message>
    <message>
        <source>The database is unreachable since %1 (%2). Checks are paused and resume on their own when it answers again.</source>
        <translation>数据库自 %1 起无法访问（%2）。检查已暂停，数据库恢复响应后会自动继续。</translation>
    </message>
    <message>
        <source>The database is reachable again; checks resume.</source>
        <translation>数据库已恢复访问，检查继续进行。</translation>
    </message>
    <message>
        <source>Team: the other instances cannot be read</source>
        <translation>团队：无法读取其他实例</translation>
    </message>
    <message>
        <source>%1 empty</source>
        <translation>%1 个已用完</translation>
    </message>
    <message>
        <source>The alerts cannot be read: %1</source>
        <translation>无法读取告警：%1</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Alerts (%1 failing)</source>
        <translation>告警（%1 个失败）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>告警(&amp;A)</translation>
    </message>
    <message>
        <source>Alerts (%1 failing)</source>
        <translation>告警（%1 个失败）</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message numerus="yes">
        <source>%n alert deliveries failing: see where and why, and retry</source>
        <translation>
            <numerusform>%n 个告警送达失败：查看失败位置与原因，并重试</numerusform>
        </translation>
    </message>
    <message>
        <source>Every alert raised and where it was delivered</source>
        <translation>所有已产生的告警及其送达情况</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Delete %1 keys and their whole history? The keys themselves stay valid at the provider.</source>
        <translation>删除 %1 个密钥及其全部历史记录？这些密钥在服务商处仍然有效。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>“%1” deleted</source>
        <translation>已删除“%1”</translation>
    </message>
    <message>
        <source>%1 keys deleted</source>
        <translation>已删除 %1 个密钥</translation>
    </message>
    <message>
        <source>Deletion undone.</source>
        <translation>已撤销删除。</translation>
    </message>
    <message>
        <source>Could not delete: %1</source>
        <translation>无法删除：%1</translation>
    </message>
    <message>
        <source>&amp;Resume checks</source>
        <translation>恢复检查(&amp;R)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>kept in your system&apos;s keychain</source>
        <translation>保存在系统钥匙串中</translation>
    </message>
    <message>
        <source>given in the environment variable %1</source>
        <translation>由环境变量 %1 提供</translation>
    </message>
    <message>
        <source>read from the key file named by %1</source>
        <translation>从 %1 指定的密钥文件读取</translation>
    </message>
    <message>
        <source>read from the systemd credential %1</source>
        <translation>从 systemd 凭据 %1 读取</translation>
    </message>
    <message>
        <source>Search the keys</source>
        <translation>搜索密钥</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open the selected key&apos;s history</source>
        <translation>打开所选密钥的历史记录</translation>
    </message>
    <message>
        <source>Edit the selected key</source>
        <translation>编辑所选密钥</translation>
    </message>
    <message>
        <source>Delete the selected keys (with undo)</source>
        <translation>删除所选密钥（可撤销）</translation>
    </message>
    <message>
        <source>Undo a deletion while the Undo button shows</source>
        <translation>在“撤销”按钮显示期间撤销删除</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Clear the search box; close a history window</source>
        <translation>清空搜索框；关闭历史窗口</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Move to the next control (out of the table)</source>
        <translation>移到下一个控件（离开表格）</translation>
    </message>
</context>
<context>
    <name>qw::ui::OptionEditorFactory</name>
    <message>
        <source>Default (%1)</source>
        <translation>默认（%1）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>例如 %1</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
</context>
<context>
    <name>qw::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
</context>
<context>
    <name>qw::ui::SpendingChart</name>
    <message>
        <source>Spent</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Spent per day</source>
        <translation>每日消费</translation>
    </message>
    <message>
        <source>Spent per week</source>
        <translation>每周消费</translation>
    </message>
    <message>
        <source>Spent per month</source>
        <translation>每月消费</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <comment>month bar label</comment>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>MMM d</source>
        <comment>day or week bar label</comment>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>%1 起的一周</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <comment>month in a tooltip</comment>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>No spending in this range yet</source>
        <translation>此时间范围内尚无消费</translation>
    </message>
</context>
<context>
    <name>qw::ui::SummaryHeader</name>
    <message>
        <source>1 key</source>
        <translation>1 个密钥</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>%1 个密钥</translation>
    </message>
    <message>
        <source>No balances yet</source>
        <translation>暂无余额</translation>
    </message>
    <message>
        <source>Set a display currency in Settings for one total</source>
        <translation>在设置中指定显示货币即可查看总计</translation>
    </message>
    <message>
        <source>≈ &lt;b&gt;%1&lt;/b&gt; in total</source>
        <translation>合计 ≈ &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>no rate for %1</source>
        <translation>缺少 %1 的汇率</translation>
    </message>
    <message>
        <source>%1 running low</source>
        <translation>%1 个余额不足</translation>
    </message>
    <message>
        <source>%1 failing</source>
        <translation>%1 个异常</translation>
    </message>
    <message>
        <source>%1 paused</source>
        <translation>%1 个已暂停</translation>
    </message>
    <message>
        <source>Checks paused</source>
        <translation>检查已暂停</translation>
    </message>
    <message>
        <source>No check planned</source>
        <translation>暂无计划的检查</translation>
    </message>
    <message>
        <source>Next check at %1</source>
        <translation>下次检查：%1</translation>
    </message>
    <message>
        <source>%1 empty</source>
        <translation>%1 个已用完</translation>
    </message>
    <message>
        <source>Checking now…</source>
        <translation>正在检查…</translation>
    </message>
</context>
<context>
    <name>qw::ui::TimeTicks</name>
    <message>
        <source>MMM yyyy</source>
        <comment>time axis format, all history of more than 300 days</comment>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>MMM d</source>
        <comment>time axis format, 30 or 90 days</comment>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>HH:mm</source>
        <comment>time axis format, 24 hours</comment>
        <translation>HH:mm</translation>
    </message>
</context>
<context>
    <name>qw::ui::TrayIcon</name>
    <message>
        <source>QuotaWatch</source>
        <translation>QuotaWatch</translation>
    </message>
    <message>
        <source>&amp;Open QuotaWatch</source>
        <translation>打开 QuotaWatch(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Check all now</source>
        <translation>立即全部检查(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Pause checks</source>
        <translation>暂停检查(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message numerus="yes">
        <source>%n alert deliveries failing</source>
        <translation>
            <numerusform>%n 个告警送达失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more…</source>
        <translation>
            <numerusform>还有 %n 个…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Resume checks</source>
        <translation>恢复检查(&amp;R)</translation>
    </message>
</context>
<context>
    <name>qw::ui::settings::AlertsPage</name>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Alert rules</source>
        <translation>告警规则</translation>
    </message>
    <message>
        <source>These settings are stored in the database, so every QuotaWatch using it (this app, “quotawatch serve”) follows them.</source>
        <translation>这些设置保存在数据库中，所有使用该数据库的 QuotaWatch（本应用、“quotawatch serve”）都会遵循。</translation>
    </message>
    <message>
        <source>Key &amp;failing after:</source>
        <translation>持续失败超过(&amp;F)：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>A key whose checks fail for this long raises a “key failing” alert (a rejected key does so after two checks in a row).</source>
        <translation>密钥的检查持续失败达到此时长时，发出“密钥异常”告警（被服务商拒绝的密钥在连续两次检查失败后即告警）。</translation>
    </message>
    <message>
        <source>&amp;Running dry within:</source>
        <translation>预计用完时间少于(&amp;R)：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Warns when, at the current spending rate, a key runs out within this many days. 0 turns the warning off.</source>
        <translation>按当前消费速度，密钥将在此天数内用完时发出告警。设为 0 则关闭此告警。</translation>
    </message>
    <message>
        <source>&amp;Spending spike at:</source>
        <translation>消费激增阈值(&amp;S)：</translation>
    </message>
    <message>
        <source> × usual</source>
        <translation> 倍于平时</translation>
    </message>
    <message>
        <source>Warns when the last hour&apos;s spending is at least this many times the usual hourly rate.</source>
        <translation>最近一小时的消费达到平时每小时消费的此倍数时发出告警。</translation>
    </message>
    <message>
        <source>The alert settings cannot be read: %1</source>
        <translation>无法读取告警设置：%1</translation>
    </message>
    <message>
        <source>The alert settings could not be saved: %1</source>
        <translation>无法保存告警设置：%1</translation>
    </message>
</context>
<context>
    <name>qw::ui::settings::ChannelsPage</name>
    <message>
        <source>Channels</source>
        <translation>通知渠道</translation>
    </message>
    <message>
        <source>Where alerts are sent. Changes on this page are saved right away. Untick a channel to pause it.</source>
        <translation>告警会通过以下通知渠道发送。此页上的更改会立即保存。取消勾选某个通知渠道即可暂停它。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>添加(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>发送测试(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>The channels cannot be read: %1</source>
        <translation>无法读取通知渠道：%1</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>Discord</source>
        <translation>Discord</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Feishu / Lark</source>
        <translation>飞书 / Lark</translation>
    </message>
    <message>
        <source>DingTalk</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <source>low balance</source>
        <translation>余额不足</translation>
    </message>
    <message>
        <source>key failing</source>
        <translation>密钥异常</translation>
    </message>
    <message>
        <source>recovered</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>running dry soon</source>
        <translation>即将用完</translation>
    </message>
    <message>
        <source>spending spike</source>
        <translation>消费激增</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Ticked: alerts are sent through this channel.</source>
        <translation>勾选：通过此通知渠道发送告警。</translation>
    </message>
    <message>
        <source>This channel no longer exists.</source>
        <translation>此通知渠道已不存在。</translation>
    </message>
    <message>
        <source>The channel cannot be read: %1</source>
        <translation>无法读取通知渠道：%1</translation>
    </message>
    <message>
        <source>Sending a test message through “%1”…</source>
        <translation>正在通过“%1”发送测试消息…</translation>
    </message>
    <message>
        <source>A test message was sent through “%1”. Check that it arrived.</source>
        <translation>已通过“%1”发送测试消息，请确认是否收到。</translation>
    </message>
    <message>
        <source>The test message through “%1” was not sent: %2</source>
        <translation>通过“%1”发送测试消息失败：%2</translation>
    </message>
    <message>
        <source>Remove Channel</source>
        <translation>删除通知渠道</translation>
    </message>
    <message>
        <source>Remove the channel “%1”? Alerts waiting to be sent through it are dropped.</source>
        <translation>删除通知渠道“%1”？等待通过它发送的告警将被丢弃。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>“%1” could not be removed: %2</source>
        <translation>无法删除“%1”：%2</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <source>“%1” could not be switched: %2</source>
        <translation>无法切换“%1”的启用状态：%2</translation>
    </message>
    <message>
        <source>“%1” sends alerts again.</source>
        <translation>“%1”已恢复发送告警。</translation>
    </message>
    <message>
        <source>“%1” is paused: it sends no alerts until ticked again.</source>
        <translation>“%1”已暂停：重新勾选前不会发送告警。</translation>
    </message>
</context>
<context>
    <name>qw::ui::settings::ChecksPage</name>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Default check &amp;interval:</source>
        <translation>默认检查间隔(&amp;I)：</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Used for keys added from now on (10 seconds to 24 hours); every key keeps its own interval, which you can change in the key&apos;s settings.</source>
        <translation>用于此后添加的密钥（10 秒至 24 小时）；每个密钥都有各自的检查间隔，可在密钥设置中修改。</translation>
    </message>
    <message>
        <source>Checks at the &amp;same time:</source>
        <translation>同时检查数(&amp;S)：</translation>
    </message>
    <message>
        <source>At most this many keys are checked at once; at most four of them with the same provider.</source>
        <translation>最多同时检查这么多个密钥，其中同一服务商的最多 4 个。</translation>
    </message>
    <message>
        <source>The default check interval must be from 10 seconds to 24 hours.</source>
        <translation>默认检查间隔必须在 10 秒到 24 小时之间。</translation>
    </message>
</context>
<context>
    <name>qw::ui::settings::DatabasePage</name>
    <message>
        <source>SQLite database file</source>
        <translation>SQLite 数据库文件</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>In use now: %1</source>
        <translation>当前使用：%1</translation>
    </message>
    <message>
        <source>Database for the next start</source>
        <translation>下次启动时使用的数据库</translation>
    </message>
    <message>
        <source>&amp;SQLite file on this computer</source>
        <translation>本机上的 SQLite 文件(&amp;S)</translation>
    </message>
    <message>
        <source>Path of the database file</source>
        <translation>数据库文件路径</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;PostgreSQL server</source>
        <translation>PostgreSQL 服务器(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>QuotaWatch switches to another database when it starts again. The --db option and the QUOTAWATCH_DB environment variable take precedence over this setting.</source>
        <translation>QuotaWatch 会在下次启动时切换到新的数据库。--db 选项和 QUOTAWATCH_DB 环境变量优先于此设置。</translation>
    </message>
    <message>
        <source>Saved. Restart QuotaWatch to use the new database.</source>
        <translation>已保存。重启 QuotaWatch 后将使用新的数据库。</translation>
    </message>
    <message>
        <source>Enter the path of the SQLite database file.</source>
        <translation>请输入 SQLite 数据库文件的路径。</translation>
    </message>
    <message>
        <source>%1 is a folder; enter the path of a database file in it.</source>
        <translation>%1 是一个文件夹，请输入其中数据库文件的路径。</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>This database cannot be used: %1</source>
        <translation>无法使用此数据库：%1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Kept in the OS keychain; leave empty to use ~/.pgpass or PGPASSWORD</source>
        <translation>保存在系统钥匙串中；留空则使用 ~/.pgpass 或 PGPASSWORD</translation>
    </message>
    <message>
        <source>The password could not be kept in the OS keychain (%1). Put it in ~/.pgpass or the PGPASSWORD environment variable instead.</source>
        <translation>无法将密码保存到系统钥匙串（%1）。请改为放在 ~/.pgpass 或 PGPASSWORD 环境变量中。</translation>
    </message>
    <message>
        <source>Enter the PostgreSQL URL, e.g. postgresql://user@host:5432/quotawatch.</source>
        <translation>请输入 PostgreSQL 地址，例如 postgresql://user@host:5432/quotawatch。</translation>
    </message>
    <message>
        <source>This is not a PostgreSQL URL; it should look like postgresql://user@host:5432/quotawatch.</source>
        <translation>这不是 PostgreSQL 地址，应类似 postgresql://user@host:5432/quotawatch。</translation>
    </message>
    <message>
        <source>Connected to %1, but it was written by a newer QuotaWatch (schema version %2; this one knows up to %3).</source>
        <translation>已连接到 %1，但它由更新版本的 QuotaWatch 写入（架构版本 %2；当前版本最高支持 %3）。</translation>
    </message>
    <message>
        <source>Connected to %1: a QuotaWatch database, schema version %2. QuotaWatch can use it.</source>
        <translation>已连接到 %1：这是 QuotaWatch 数据库，架构版本 %2。QuotaWatch 可以使用它。</translation>
    </message>
    <message>
        <source>Connected to %1: it holds tables of another application, but no QuotaWatch data. QuotaWatch would add its tables beside them on first use.</source>
        <translation>已连接到 %1：其中有其他应用的数据表，但没有 QuotaWatch 数据。首次使用时 QuotaWatch 会在旁边添加自己的数据表。</translation>
    </message>
    <message>
        <source>No database file at %1 yet: empty database, will be set up on first use.</source>
        <translation>%1 处还没有数据库文件：将作为空数据库，在首次使用时完成初始化。</translation>
    </message>
    <message>
        <source>Connected to %1: empty database, will be set up on first use.</source>
        <translation>已连接到 %1：空数据库，将在首次使用时完成初始化。</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>正在使用的数据库</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>大小：%1</translation>
    </message>
    <message>
        <source>Size: unknown (the database did not answer)</source>
        <translation>大小：未知（数据库没有响应）</translation>
    </message>
    <message>
        <source>&amp;Keep every check for:</source>
        <translation>每次检查保留(&amp;K)：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Older checks are rolled up into hourly points, and after a year into daily ones: charts, forecasts and exports read them like the checks they replace. Top-ups, status changes and checks that raised an alert are always kept.</source>
        <translation>更早的检查会汇总为每小时一个点，一年后再汇总为每天一个点：图表、预测和导出读取它们就像读取被替代的检查一样。充值、状态变化和触发过告警的检查始终保留。</translation>
    </message>
    <message>
        <source>The retention could not be saved: %1</source>
        <translation>无法保存保留期限：%1</translation>
    </message>
</context>
<context>
    <name>qw::ui::settings::DisplayPage</name>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Display &amp;currency:</source>
        <translation>显示货币(&amp;C)：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>E&amp;xchange rates:</source>
        <translation>汇率(&amp;X)：</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>Worth in display currency</source>
        <translation>折合显示货币</translation>
    </message>
    <message>
        <source>A&amp;dd rate</source>
        <translation>添加汇率(&amp;D)</translation>
    </message>
    <message>
        <source>Remo&amp;ve rate</source>
        <translation>删除汇率(&amp;V)</translation>
    </message>
    <message>
        <source>Totals are shown in the display currency using only the rates you enter here: QuotaWatch never uses built-in or downloaded exchange rates. Enter what one unit of each currency is worth, e.g. CNY 0.14 when the display currency is USD. Amounts in a currency without a rate are left out of totals.</source>
        <translation>总计以显示货币展示，且只使用您在此处输入的汇率：QuotaWatch 从不使用内置或联网获取的汇率。请输入每种货币 1 个单位折合多少显示货币，例如显示货币为 USD 时填写 CNY 0.14。没有汇率的货币金额不计入总计。</translation>
    </message>
    <message>
        <source>The display currency must be a three-letter code such as USD, or empty.</source>
        <translation>显示货币必须是 USD 这样的三字母代码，或留空。</translation>
    </message>
    <message>
        <source>Row %1 of the exchange rates: “%2” is not a three-letter currency code.</source>
        <translation>汇率第 %1 行：“%2”不是三字母货币代码。</translation>
    </message>
    <message>
        <source>Row %1 of the exchange rates: the rate for %2 must be a number above 0, not “%3”.</source>
        <translation>汇率第 %1 行：%2 的汇率必须是大于 0 的数字，而不是“%3”。</translation>
    </message>
    <message>
        <source>Row %1 of the exchange rates: %2 is listed twice.</source>
        <translation>汇率第 %1 行：%2 重复出现。</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>外观(&amp;A)：</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>qw::ui::settings::GeneralPage</name>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The new language is used as soon as you press OK or Apply.</source>
        <translation>点击“确定”或“应用”后立即切换到新语言。</translation>
    </message>
    <message>
        <source>Start-up and tray</source>
        <translation>启动与托盘</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>启动时最小化到托盘(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Closing the window keeps QuotaWatch running in the tray</source>
        <translation>关闭窗口后 QuotaWatch 继续在托盘中运行(&amp;C)</translation>
    </message>
    <message>
        <source>Start QuotaWatch when I log &amp;in</source>
        <translation>登录时启动 QuotaWatch(&amp;I)</translation>
    </message>
    <message>
        <source>Starting at login could not be changed: %1</source>
        <translation>无法更改登录时启动设置：%1</translation>
    </message>
</context>
<context>
    <name>qw::ui::settings::RestPage</name>
    <message>
        <source>REST API</source>
        <translation>REST API</translation>
    </message>
    <message>
        <source>Listen a&amp;ddress:</source>
        <translation>监听地址(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>The REST API address must be an IP address such as 127.0.0.1, or localhost.</source>
        <translation>REST API 地址必须是 127.0.0.1 这样的 IP 地址或 localhost。</translation>
    </message>
    <message>
        <source>HTTPS certificate (PEM)</source>
        <translation>HTTPS 证书（PEM）</translation>
    </message>
    <message>
        <source>HTTPS private key (PEM)</source>
        <translation>HTTPS 私钥（PEM）</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>&amp;Serve the REST API from this app</source>
        <translation>由本应用提供 REST API(&amp;S)</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>Allow &amp;other machines to connect</source>
        <translation>允许其他计算机连接(&amp;O)</translation>
    </message>
    <message>
        <source>HTTPS &amp;certificate:</source>
        <translation>HTTPS 证书(&amp;C)：</translation>
    </message>
    <message>
        <source>PEM file; empty: plain HTTP</source>
        <translation>PEM 文件；留空则使用普通 HTTP</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>HTTPS private &amp;key:</source>
        <translation>HTTPS 私钥(&amp;K)：</translation>
    </message>
    <message>
        <source>PEM file, not encrypted</source>
        <translation>未加密的 PEM 文件</translation>
    </message>
    <message>
        <source>Serve /&amp;metrics without a token</source>
        <translation>/metrics 无需令牌即可访问(&amp;M)</translation>
    </message>
    <message>
        <source>Listening now:</source>
        <translation>当前监听：</translation>
    </message>
    <message>
        <source>The same API as “quotawatch serve”, with the keys of this app. Clients sign in with the password or a token below. 127.0.0.1 keeps it on this computer.</source>
        <translation>与“quotawatch serve”相同的 API，使用本应用中的密钥。客户端使用下方的密码或令牌登录。使用 127.0.0.1 时只有本机可以访问。</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>新密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>重复输入(&amp;R)：</translation>
    </message>
    <message>
        <source>Set &amp;password</source>
        <translation>设置密码(&amp;P)</translation>
    </message>
    <message>
        <source>Personal access tokens</source>
        <translation>个人访问令牌</translation>
    </message>
    <message>
        <source>For scripts and Prometheus: a token is sent as “Authorization: Bearer &lt;token&gt;” and works until it is revoked.</source>
        <translation>供脚本和 Prometheus 使用：令牌以“Authorization: Bearer &lt;token&gt;”发送，在被吊销之前一直有效。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>上次使用</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>&amp;Create…</source>
        <translation>创建(&amp;C)…</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>吊销(&amp;V)</translation>
    </message>
    <message>
        <source>%1 can be reached from other machines: allow other machines to connect, or listen on 127.0.0.1.</source>
        <translation>%1 可被其他计算机访问：请允许其他计算机连接，或改为监听 127.0.0.1。</translation>
    </message>
    <message>
        <source>HTTPS needs both the certificate and the private key file.</source>
        <translation>HTTPS 需要同时提供证书文件和私钥文件。</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>could not start: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <source>Without HTTPS, passwords and tokens cross the network readable by anyone on the way. Set a certificate and key below.</source>
        <translation>不使用 HTTPS 时，密码和令牌会以明文在网络上传输，途经的任何人都能读取。请在下方设置证书和私钥。</translation>
    </message>
    <message>
        <source>No password is set: nobody can sign in to the API as “%1” yet.</source>
        <translation>尚未设置密码：目前无法以“%1”身份登录 API。</translation>
    </message>
    <message>
        <source>A password is set. Sign in to the API as “%1” with it.</source>
        <translation>已设置密码。请用它以“%1”身份登录 API。</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>The password was not set: %1</source>
        <translation>密码未设置：%1</translation>
    </message>
    <message>
        <source>The password was set.</source>
        <translation>密码已设置。</translation>
    </message>
    <message>
        <source>The tokens cannot be read: %1</source>
        <translation>无法读取令牌：%1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>New access token</source>
        <translation>新建访问令牌</translation>
    </message>
    <message>
        <source>What will use it (e.g. “prometheus”, “backup script”)?</source>
        <translation>用于什么（例如“prometheus”“备份脚本”）？</translation>
    </message>
    <message>
        <source>The token was not created: %1</source>
        <translation>令牌未创建：%1</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>吊销令牌</translation>
    </message>
    <message>
        <source>Revoke the token “%1”? Whatever uses it can no longer sign in.</source>
        <translation>要吊销令牌“%1”吗？使用它的程序将无法再登录。</translation>
    </message>
    <message>
        <source>The token was not revoked: %1</source>
        <translation>令牌未吊销：%1</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
</context>
</TS>
