using Microsoft.Extensions.Configuration;
using VoiceHub.AppHost.Identity;
using VoiceHub.AppHost.Redis;

var builder = DistributedApplication.CreateBuilder(args);

// Redis: a container when one can run (always when publishing), else redis-server from PATH.
if (!builder.TryAddVoiceHubCache("cache", out var cache, out var problem))
{
    Console.Error.WriteLine(problem);
    return 1;
}

// Replicas share all state through Redis (queue, events, rate limits, caches), so any number works.
var apiReplicas = builder.Configuration.GetValue("VoiceHub:ApiReplicas", 1);

// Identity: the first admin's key and the web's service key, generated on first run and kept in
// this project's user secrets (dotnet user-secrets list; the dashboard shows them as parameters).
var adminKey = builder.AddParameter("admin-key", new GenerateParameterDefault { MinLength = 40, Special = false }, secret: true, persist: true);
var frontendKey = builder.AddParameter("frontend-key", new GenerateParameterDefault { MinLength = 40, Special = false }, secret: true, persist: true);

var apiService = builder.AddProject<Projects.VoiceHub_ApiService>("apiservice")
    .WithReplicas(apiReplicas)
    .WithEnvironment("VoiceHub__Auth__BootstrapAdminKey", adminKey)
    .WithEnvironment("VoiceHub__Auth__FrontendKey", frontendKey)
    .WithHttpHealthCheck("/health")
    .WithReference(cache)
    .WaitFor(cache);

// Language model: optional. Passed on only when the developer sets ConnectionStrings:llm (user secrets or
// environment); without it the AppHost and the hub run as usual and templates needing a model say so.
if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("llm")))
{
    apiService.WithReference(builder.AddConnectionString("llm"));
}

// Locally the agents' workspace is this solution, so you can ask about VoiceHub's own code. Only in
// run mode: a developer's absolute path means nothing in a deployed container.
if (builder.ExecutionContext.IsRunMode)
{
    apiService.WithEnvironment("VoiceHub__Workspace__Root", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..")))
        .WithCacheDataKeptPrivate(cache);
    // The http agent reaches nothing by default; locally it may check the API's own endpoint ("check <api>/health").
    apiService.WithEnvironment("VoiceHub__Agents__Http__AllowedHosts__0",
        ReferenceExpression.Create($"{apiService.GetEndpoint("http").Property(EndpointProperty.HostAndPort)}"));
}

var web = builder.AddProject<Projects.VoiceHub_Web>("webfrontend")
    .WithExternalHttpEndpoints()
    .WithEnvironment("VoiceHub__Auth__FrontendKey", frontendKey)
    .WithHttpHealthCheck("/health")
    .WithReference(cache)
    .WaitFor(cache)
    .WithReference(apiService)
    .WaitFor(apiService);

// Signing in locally as the dashboard does: the web prints a one-time link, and the dashboard's link to
// the web signs in as the bootstrap admin. Run mode only: a deployment has neither (README, Identity).
if (builder.ExecutionContext.IsRunMode)
{
    web.WithLocalSignIn();
}

builder.Build().Run();
return 0;
