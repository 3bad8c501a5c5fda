using System.Text;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using VoiceHub.ApiService.Hooks;

namespace VoiceHub.Tests.Hooks;

/// <summary>Inbound signatures against the published vectors, and the ways a forged or stale delivery is refused.</summary>
public sealed class HookSignatureTests
{
    // GitHub's documented example (docs: "Validating webhook deliveries").
    private const string GitHubSecret = "It's a Secret to Everybody";
    private const string GitHubPayload = "Hello, World!";
    private const string GitHubSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    // The Standard Webhooks specification's example (and its libraries' tests).
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string StandardId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long StandardTimestamp = 1614265330;
    private const string StandardPayload = "{\"test\": 2432232314}";
    private const string StandardSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset StandardSentAt = DateTimeOffset.FromUnixTimeSeconds(StandardTimestamp);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void GitHubs_documented_example_signs_as_documented()
    {
        Assert.Equal(GitHubSignature, HookSignatures.GitHubSignature(GitHubSecret, Encoding.UTF8.GetBytes(GitHubPayload)));
    }

    [Fact]
    public void GitHubs_documented_example_is_verified()
    {
        var check = Verify(GitHubSecret, GitHub(GitHubSignature), GitHubPayload, DateTimeOffset.UtcNow);

        var verified = Assert.IsType<SignatureCheck.Verified>(check);
        Assert.Equal("github", verified.Scheme);
        Assert.Equal("delivery-1", verified.DeliveryId);
    }

    [Theory]
    [InlineData("Hello, World?")]
    [InlineData("Hello, World! ")]
    [InlineData("")]
    public void A_tampered_body_fails_the_GitHub_signature(string body)
    {
        Assert.IsType<SignatureCheck.Refused>(Verify(GitHubSecret, GitHub(GitHubSignature), body, DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("")]
    public void Wrong_or_malformed_GitHub_signatures_are_refused(string signature)
    {
        Assert.IsType<SignatureCheck.Refused>(Verify(GitHubSecret, GitHub(signature), GitHubPayload, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void The_Standard_Webhooks_vector_signs_as_the_specification_says()
    {
        Assert.Equal(StandardSignature, HookSignatures.StandardSignature(StandardSecret, StandardId, StandardSentAt, StandardPayload));
    }

    [Fact]
    public void The_Standard_Webhooks_vector_is_verified_at_its_time()
    {
        var check = Verify(StandardSecret, Standard(StandardId, StandardTimestamp, StandardSignature), StandardPayload, StandardSentAt.AddSeconds(30));

        var verified = Assert.IsType<SignatureCheck.Verified>(check);
        Assert.Equal("standard-webhooks", verified.Scheme);
        Assert.Equal(StandardId, verified.DeliveryId);
    }

    [Fact]
    public void One_matching_signature_among_several_is_enough_for_key_rotation()
    {
        var headers = Standard(StandardId, StandardTimestamp, "v1,bm90IHRoZSBzaWduYXR1cmU= " + StandardSignature);

        Assert.IsType<SignatureCheck.Verified>(Verify(StandardSecret, headers, StandardPayload, StandardSentAt));
    }

    [Fact]
    public void A_tampered_Standard_Webhooks_body_is_refused()
    {
        var check = Verify(StandardSecret, Standard(StandardId, StandardTimestamp, StandardSignature), "{\"test\": 2432232315}", StandardSentAt);

        Assert.IsType<SignatureCheck.Refused>(check);
    }

    [Fact]
    public void A_changed_message_id_or_timestamp_breaks_the_signature()
    {
        Assert.IsType<SignatureCheck.Refused>(Verify(StandardSecret, Standard("msg_other", StandardTimestamp, StandardSignature), StandardPayload, StandardSentAt));
        Assert.IsType<SignatureCheck.Refused>(Verify(StandardSecret, Standard(StandardId, StandardTimestamp + 1, StandardSignature), StandardPayload, StandardSentAt));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public void A_timestamp_outside_the_tolerance_is_refused_even_when_signed(int secondsFromNow)
    {
        var check = Verify(StandardSecret, Standard(StandardId, StandardTimestamp, StandardSignature), StandardPayload, StandardSentAt.AddSeconds(-secondsFromNow));

        var refused = Assert.IsType<SignatureCheck.Refused>(check);
        Assert.Contains("webhook-timestamp", refused.Detail);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("99999999999999999999999")]
    public void A_timestamp_that_is_not_unix_seconds_is_refused(string timestamp)
    {
        var headers = new HeaderDictionary
        {
            [HookSignatures.IdHeader] = StandardId,
            [HookSignatures.TimestampHeader] = timestamp,
            [HookSignatures.SignatureHeader] = StandardSignature,
        };

        Assert.IsType<SignatureCheck.Refused>(Verify(StandardSecret, headers, StandardPayload, StandardSentAt));
    }

    [Fact]
    public void An_unsigned_delivery_is_refused_saying_how_to_sign()
    {
        var refused = Assert.IsType<SignatureCheck.Refused>(Verify(StandardSecret, new HeaderDictionary(), StandardPayload, StandardSentAt));

        Assert.Contains("X-Hub-Signature-256", refused.Detail);
        Assert.Contains("webhook-signature", refused.Detail);
    }

    [Fact]
    public void Our_outbound_signatures_verify_with_the_StandardWebhooks_library()
    {
        var secret = VoiceHub.ApiService.Platform.Secrets.SigningSecrets.Create();
        var now = DateTimeOffset.UtcNow;
        var headers = Standard("msg_0123456789abcdef", now.ToUnixTimeSeconds(), HookSignatures.StandardSignature(secret, "msg_0123456789abcdef", now, StandardPayload));

        new StandardWebhook(secret).Verify(StandardPayload, headers);
        Assert.IsType<SignatureCheck.Verified>(Verify(secret, headers, StandardPayload, now));
    }

    private static SignatureCheck Verify(string secret, IHeaderDictionary headers, string body, DateTimeOffset now) =>
        HookSignatures.Verify(secret, headers, Encoding.UTF8.GetBytes(body), now, Tolerance);

    private static HeaderDictionary GitHub(string signature) => new()
    {
        [HookSignatures.GitHubSignatureHeader] = signature,
        [HookSignatures.GitHubDeliveryHeader] = "delivery-1",
    };

    private static HeaderDictionary Standard(string id, long timestamp, string signature) => new()
    {
        [HookSignatures.IdHeader] = id,
        [HookSignatures.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [HookSignatures.SignatureHeader] = signature,
    };
}
