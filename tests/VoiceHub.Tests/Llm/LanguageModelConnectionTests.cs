using VoiceHub.ApiService.LanguageModel;

namespace VoiceHub.Tests.Llm;

public sealed class LanguageModelConnectionTests
{
    [Fact]
    public void Connection_string_gives_endpoint_key_and_model()
    {
        var connection = LanguageModelConnection.Parse("Endpoint=https://api.example.test/v1;Key=sk-123;Model=gpt-test");

        Assert.Equal(new Uri("https://api.example.test/v1"), connection.Endpoint);
        Assert.Equal("sk-123", connection.Key);
        Assert.Equal("gpt-test", connection.Model);
        Assert.Equal("https://api.example.test", connection.DisplayEndpoint);
    }

    [Fact]
    public void Key_is_optional_for_local_servers()
    {
        var connection = LanguageModelConnection.Parse("endpoint=http://localhost:11434/v1; model=llama3.2");

        Assert.Null(connection.Key);
        Assert.Equal("llama3.2", connection.Model);
    }

    [Theory]
    [InlineData("Key=sk;Model=m", "Endpoint")]
    [InlineData("Endpoint=ftp://host/v1;Model=m", "Endpoint")]
    [InlineData("Endpoint=https://host/v1;Key=sk", "Model")]
    [InlineData("just some text", "Key=value")]
    public void Unusable_connection_string_names_what_is_wrong(string text, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LanguageModelConnection.Parse(text));

        Assert.Contains("ConnectionStrings:llm", error.Message);
        Assert.Contains(named, error.Message);
    }
}
