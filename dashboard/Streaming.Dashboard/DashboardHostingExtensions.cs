using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming.Grains.Abstractions;

namespace Streaming.Dashboard;

/// <summary>Registers the live dashboard: in a silo host, or in a separately hosted app that is an Orleans client.</summary>
public static class DashboardHostingExtensions
{
    /// <summary>
    /// The pages, the hub, the batching publisher, cookie sign-in and the subscriber that receives every silo's digests
    /// through the <see cref="IDashboardFeedGrain"/>. Needs an <see cref="IGrainFactory"/>: a silo, or an Orleans client.
    /// </summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        // SignalR's default MaximumReceiveMessageSize (32 KB) is kept: pages send only group names.
        services.AddSignalR();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "streaming.dashboard";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = AccountEndpoints.LoginPage;
            o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();
        services.AddSingleton<DashboardUsers>();
        services.AddSingleton<SignInThrottle>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardUsers>());
        services.AddSingleton<TrendGroups>();
        services.AddSingleton<TrendBuffer>();
        services.AddSingleton<LatestWindowPoller>();
        services.AddSingleton<KindRates>();
        services.AddSingleton<DeadLetterBoard>();
        services.AddSingleton<AreaBoard>();
        services.AddSingleton<RecentImages>();
        services.AddSingleton<SourcePanels>();
        services.AddSingleton<IngestLatency>();
        services.AddSingleton<TopBoard>();
        services.AddSingleton<AlertBoard>();
        services.AddSingleton<SystemStatistics>();
        services.AddSingleton<TrendSnapshots>();
        services.AddSingleton<FeedSubscriber>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedSubscriber>());
        services.AddSingleton<TrendPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<TrendPublisher>());
        return builder;
    }

    /// <summary>
    /// A silo's share of the dashboards: the output-sink decorator that gathers what this silo's grains produce (and judges
    /// the alert rules) and the publisher of its digests. Call it in a silo, after <c>AddIngress</c> and
    /// <c>AddKafkaOutput</c>: it wraps whichever <see cref="IOutputSink"/> they registered.
    /// </summary>
    public static IServiceCollection AddDashboardFeed(this IServiceCollection services)
    {
        services.AddOptions<DashboardFeedOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SourceBoard>();
        services.AddSingleton<TopEntities>();
        services.AddSingleton<DeadLetterRates>();
        DecorateOutputSink(services);
        services.AddSingleton(sp => (FeedCollector)sp.GetRequiredService<IOutputSink>());
        services.AddHostedService<FeedPublisher>();
        return services;
    }

    // Pages are redirected to the sign-in page; the hub and fetches get the status, which a script can act on.
    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (HttpMethods.IsGet(context.Request.Method) && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }
        return Task.CompletedTask;
    }

    private static void DecorateOutputSink(IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IOutputSink) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("AddDashboardFeed wraps the output sink: call it after AddIngress and AddKafkaOutput.");
        services.Remove(inner);
        services.AddSingleton<IOutputSink>(sp => ActivatorUtilities.CreateInstance<FeedCollector>(sp, Create(sp, inner)));
    }

    private static IOutputSink Create(IServiceProvider sp, ServiceDescriptor d) =>
        d.ImplementationInstance as IOutputSink
        ?? d.ImplementationFactory?.Invoke(sp) as IOutputSink
        ?? (IOutputSink)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!);
}
