namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Test grain for the ADO.NET providers: writes its state on every increment (persistence) and
/// registers reminders on request (reminder table). Reminders never need to fire in these tests,
/// so their period is long.
/// </summary>
public sealed class CounterGrain([PersistentState("counter", "Default")] IPersistentState<CounterState> state)
    : Grain, ICounterGrain, IRemindable
{
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(10);

    public async Task<int> Increment()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> Get() => Task.FromResult(state.State.Count);

    public Task RegisterReminder(string name) => this.RegisterOrUpdateReminder(name, ReminderPeriod, ReminderPeriod);

    public async Task CancelReminder(string name)
    {
        var reminder = await this.GetReminder(name)
            ?? throw new InvalidOperationException($"Reminder '{name}' is not registered.");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
