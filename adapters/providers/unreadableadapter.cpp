#include "adapters/providers/unreadableadapter.h"

#include <QCoreApplication>

namespace qw {

namespace {

class AnswerAtOnce final : public BalanceQuery
{
public:
    explicit AnswerAtOnce(CheckError error)
        : m_error(std::move(error))
    {}

    QueryStep next(const HttpReply *) override { return CheckOutcome(tl::unexpected(m_error)); }

private:
    CheckError m_error;
};

} // namespace

UnreadableAdapter::UnreadableAdapter(QString id, QString name, const char *why, QString defaultBaseUrl)
    : m_id(std::move(id))
    , m_name(std::move(name))
    , m_why(why)
    , m_defaultBaseUrl(std::move(defaultBaseUrl))
{}

QString UnreadableAdapter::help() const
{
    return QString::fromUtf8(m_why);
}

std::unique_ptr<BalanceQuery> UnreadableAdapter::begin(const AdapterContext &) const
{
    // Nothing is sent: there is no endpoint that would answer this key with a balance.
    return std::make_unique<AnswerAtOnce>(CheckError{
        CheckStatus::Unsupported, QStringLiteral("%1 cannot be read with an API key: %2").arg(m_name, help()),
        std::nullopt});
}

std::vector<std::unique_ptr<Adapter>> UnreadableAdapter::known()
{
    std::vector<std::unique_ptr<Adapter>> adapters;
    const auto add = [&adapters](const char *id, const char *name, const char *why, const char *base = "") {
        adapters.push_back(std::make_unique<UnreadableAdapter>(
            QString::fromLatin1(id), QString::fromUtf8(name), why, QString::fromLatin1(base)));
    };
    add("groq", "Groq",
        QT_TRANSLATE_NOOP("qw::Platforms",
                          "No balance or usage API for API keys: usage and billing are only in the GroqCloud "
                          "console. Put the key behind a relay such as new-api or LiteLLM with a budget, and "
                          "watch the relay's key instead."));
    add("mistral", "Mistral AI",
        QT_TRANSLATE_NOOP(
            "qw::Platforms",
            "No balance API: La Plateforme shows usage and billing only in its console. Put the "
            "key behind a relay such as new-api or LiteLLM with a budget, and watch the relay's "
            "key instead."));
    add("together", "Together AI",
        QT_TRANSLATE_NOOP("qw::Platforms",
                          "No balance API for API keys: the credit balance is shown only in the Together "
                          "console. Put the key behind a relay such as new-api or LiteLLM with a budget, and "
                          "watch the relay's key instead."));
    add("gemini", "Google Gemini",
        QT_TRANSLATE_NOOP("qw::Platforms",
                          "Gemini API keys have no balance or quota API: billing runs through Google Cloud "
                          "Billing, which an API key cannot read. Set a budget in Cloud Billing, or put the "
                          "key behind a LiteLLM proxy with a budget and watch that."));
    add("azure-openai", "Azure OpenAI",
        QT_TRANSLATE_NOOP("qw::Platforms",
                          "An Azure OpenAI key reads no balance: spending is in Azure Cost Management, which "
                          "needs Microsoft Entra credentials, not the key. Set an Azure budget, or put a "
                          "LiteLLM proxy with a budget in front of it and watch that."));
    add("aws-bedrock", "AWS Bedrock",
        QT_TRANSLATE_NOOP("qw::Platforms",
                          "Bedrock keys have no balance: costs are in AWS Cost Explorer and Budgets, which "
                          "need IAM credentials. Set an AWS budget, or put a LiteLLM proxy with a budget in "
                          "front of Bedrock and watch that."));
    add("perplexity", "Perplexity",
        QT_TRANSLATE_NOOP("qw::Platforms",
                          "No balance API: API credits are shown only on the API settings page of the "
                          "Perplexity console. Put the key behind a relay such as new-api or LiteLLM with a "
                          "budget, and watch the relay's key instead."));
    add("fireworks", "Fireworks AI",
        QT_TRANSLATE_NOOP("qw::Platforms",
                          "Fireworks reports only spending (its billing summary), never the balance left. "
                          "Put the key behind a relay such as LiteLLM with a monthly budget, or point a "
                          "custom endpoint at a service that reports the balance."));
    add("siliconflow", "SiliconFlow 硅基流动 (China)",
        QT_TRANSLATE_NOOP("qw::Platforms",
                          "SiliconFlow retired the China balance endpoint (api.siliconflow.cn/v1/user/info) "
                          "on 2026-08-14: it answers HTTP 410 and no API key can read the balance any more. "
                          "Keys of the international site (api.siliconflow.com) work with siliconflow-intl."),
        "https://api.siliconflow.cn");
    return adapters;
}

} // namespace qw
