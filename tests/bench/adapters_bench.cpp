// Nanoseconds per parse: each platform's adapter turning its main success answer (or answers,
// for adapters that need several requests) into a reading, without any network.
#include "adapters/platformregistry.h"

#include <benchmark/benchmark.h>

namespace {

struct MainFixture
{
    const char *platform;
    QJsonObject options;
    std::vector<QByteArray> replies; // one per request of the conversation
};

std::vector<MainFixture> fixtures()
{
    const QJsonObject none;
    return {
        {"openrouter",
         none,
         {R"({"data":{"label":"sk-or-v1-abc...xyz","limit":100,"limit_remaining":74.5,"usage":25.5,"is_free_tier":false}})"}},
        {"deepseek",
         none,
         {R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.00","granted_balance":"10.00","topped_up_balance":"100.00"},{"currency":"USD","total_balance":"5.50","granted_balance":"0.00","topped_up_balance":"5.50"}]})"}},
        {"moonshot",
         none,
         {R"({"code":0,"data":{"available_balance":49.58894,"voucher_balance":46.58893,"cash_balance":3.00001},"scode":"0x0","status":true})"}},
        {"moonshot-intl",
         none,
         {R"({"code":0,"data":{"available_balance":12.5,"voucher_balance":0,"cash_balance":12.5},"scode":"0x0","status":true})"}},
        {"siliconflow-intl",
         none,
         {R"({"code":20000,"message":"OK","status":true,"data":{"id":"userid","name":"n","image":"","email":"","isAdmin":false,"balance":"0.88","status":"normal","introduction":"","role":"","chargeBalance":"88.00","totalBalance":"88.88"}})"}},
        {"novita",
         none,
         {R"({"availableBalance":"1234500","cashBalance":"1234500","creditLimit":"0","pendingCharges":"0"})"}},
        {"elevenlabs",
         none,
         {R"({"tier":"starter","character_count":1234,"character_limit":30000,"can_extend_character_limit":false,"next_character_count_reset_unix":1767225600,"status":"active"})"}},
        {"newapi",
         none,
         {R"({"code":true,"message":"ok","data":{"object":"token_usage","name":"Default Token","total_granted":1000000,"total_used":12345,"total_available":987655,"unlimited_quota":false,"expires_at":0}})"}},
        {"newapi-user",
         QJsonObject{{QStringLiteral("user_id"), QStringLiteral("7")}},
         {R"({"success":true,"message":"","data":{"id":7,"username":"u","quota":24500000,"used_quota":500000,"request_count":42}})"}},
        {"openai-admin",
         none,
         {R"({"object":"page","data":[{"object":"bucket","start_time":1761955200,"end_time":1762041600,"results":[{"object":"organization.costs.result","amount":{"value":1.25,"currency":"usd"}}]},{"object":"bucket","start_time":1762041600,"end_time":1762128000,"results":[{"object":"organization.costs.result","amount":{"value":"0.75","currency":"usd"}}]}],"has_more":false,"next_page":null})"}},
        {"anthropic-admin",
         none,
         {R"({"data":[{"starting_at":"2026-11-01T00:00:00Z","ending_at":"2026-11-02T00:00:00Z","results":[{"currency":"USD","amount":"123.45"}]},{"starting_at":"2026-11-02T00:00:00Z","ending_at":"2026-11-03T00:00:00Z","results":[{"currency":"USD","amount":"76.55"}]}],"has_more":false,"next_page":null})"}},
        {"zhipu-coding",
         none,
         {R"({"code":200,"msg":"ok","success":true,"data":{"limits":[{"type":"TOKENS_LIMIT","unit":3,"number":5,"percentage":12,"nextResetTime":1764000000000},{"type":"TIME_LIMIT","unit":5,"number":1,"percentage":40,"nextResetTime":1765000000000}]}})"}},
        {"zai-coding",
         none,
         {R"({"code":200,"msg":"ok","success":true,"data":{"limits":[{"type":"CREDIT_LIMIT","unit":3,"number":5,"usage":12000,"currentValue":402,"remaining":11615,"percentage":3,"nextResetTime":1789757854621},{"type":"CREDIT_LIMIT","unit":6,"number":1,"usage":60000,"currentValue":1226,"remaining":58791,"percentage":2,"nextResetTime":1790150400000},{"type":"TIME_LIMIT","unit":5,"number":1,"usage":4000,"currentValue":120,"remaining":3880,"percentage":3}]}})"}},
        {"minimax-coding",
         none,
         {R"({"model_remains":[{"start_time":1794735000000,"end_time":1794753000000,"remains_time":9000000,"current_interval_total_count":1500,"current_interval_usage_count":1200,"model_name":"general","current_weekly_total_count":15000,"current_weekly_usage_count":9000,"weekly_start_time":1794182400000,"weekly_end_time":1794787200000,"weekly_remains_time":43200000,"current_interval_status":1,"current_interval_remaining_percent":80,"current_weekly_status":1,"current_weekly_remaining_percent":60}],"base_resp":{"status_code":0,"status_msg":"success"}})"}},
        {"kimi-code",
         none,
         {R"({"usage":{"limit":"2048","used":"214","remaining":"1834","resetTime":"2026-11-20T15:23:13Z"},"limits":[{"window":{"duration":300,"timeUnit":"TIME_UNIT_MINUTE"},"detail":{"limit":"200","used":"139","remaining":"61","resetTime":"2026-11-15T14:00:00Z"}}]})"}},
        {"xai",
         QJsonObject{{QStringLiteral("team_id"), QStringLiteral("team-1")}},
         {R"({"changes":[],"total":{"val":"-2500"}})"}},
        {"litellm",
         none,
         {R"({"key":"sk-...","info":{"spend":12.3,"max_budget":100.0,"budget_reset_at":null}})"}},
        {"vercel-gateway", none, {R"({"balance":"95.50","total_used":"4.50"})"}},
        {"poe", none, {R"({"current_point_balance":1500})"}},
        {"venice",
         none,
         {R"({"canConsume":true,"consumptionCurrency":"DIEM","balances":{"diem":90.5,"usd":25},"diemEpochAllocation":100})"}},
        {"deepinfra",
         none,
         {R"({"stripe_balance":-42.17,"limit":null,"suspended":false,"suspend_reason":null,"has_payment_method":true})", R"({"months":[{"period":"2026-11","total_cost":1234,"items":[{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct","cost":1234}]}]})"}},
        {"custom",
         QJsonObject{{QStringLiteral("path"), QStringLiteral("/balance")},
                     {QStringLiteral("remaining_pointer"), QStringLiteral("/data/balance")},
                     {QStringLiteral("divisor"), QStringLiteral("100")}},
         {R"({"data":{"balance":12345}})"}},
    };
}

void BM_Parse(benchmark::State &state, const MainFixture &fixture)
{
    static const qw::PlatformRegistry registry = qw::PlatformRegistry::builtin();
    const qw::Adapter *adapter = registry.find(QString::fromLatin1(fixture.platform));
    qw::AdapterContext context;
    context.baseUrl = QStringLiteral("https://provider.example");
    context.options = fixture.options;
    context.secret = "sk-bench-0000";
    context.now = QDateTime(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC);
    std::vector<qw::HttpReply> replies;
    for (const QByteArray &body : fixture.replies)
        replies.push_back(qw::HttpReply{200, {}, body});
    for (auto _ : state) {
        auto query = adapter->begin(context);
        qw::QueryStep step = query->next(nullptr);
        std::size_t next = 0;
        while (std::holds_alternative<qw::HttpRequestSpec>(step))
            step = query->next(&replies[std::min(next++, replies.size() - 1)]);
        const auto &outcome = std::get<qw::CheckOutcome>(step);
        if (!outcome)
            state.SkipWithError(outcome.error().message.toUtf8().constData());
        benchmark::DoNotOptimize(outcome);
    }
}

const bool registered = [] {
    static const std::vector<MainFixture> all = fixtures();
    for (const MainFixture &fixture : all)
        benchmark::RegisterBenchmark((std::string("BM_Parse/") + fixture.platform).c_str(), BM_Parse,
                                     fixture);
    return true;
}();

} // namespace

BENCHMARK_MAIN();
