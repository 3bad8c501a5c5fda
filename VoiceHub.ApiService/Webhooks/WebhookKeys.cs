using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>
/// Redis keys of webhooks, under <c>&lt;prefix&gt;webhooks:</c>: <c>subs</c> (subscription ids by creation),
/// <c>sub:{id}</c> (hash: <c>record</c> JSON, <c>failures</c>, <c>disabled</c>, <c>disabledAt</c>),
/// <c>sub:{id}:deliveries</c> (delivery ids by creation), <c>delivery:{id}</c> (hash: the message and its
/// state), <c>delivery:{id}:attempts</c> (list of attempts), <c>due</c> (delivery ids by when they are
/// next due: the durable queue, where a claim moves an id a visibility timeout ahead), and
/// <c>raised:{digest}</c> (an event already enqueued for a subscription).
/// </summary>
public sealed class WebhookKeys(RedisKeyOptions options)
{
    public string Prefix { get; } = options.For("webhooks");

    public string Subscriptions => Prefix + "subs";

    public string Due => Prefix + "due";

    public string DeliveryPrefix => Prefix + "delivery:";

    public string Subscription(string id) => Prefix + "sub:" + id;

    public string SubscriptionDeliveries(string id) => Subscription(id) + ":deliveries";

    public string Delivery(string id) => DeliveryPrefix + id;

    public string Attempts(string id) => Delivery(id) + ":attempts";

    public string Raised(string digest) => Prefix + "raised:" + digest;
}
