using System.Reflection;
using System.Runtime.InteropServices;

namespace Streaming.Ingress;

/// <summary>
/// The librdkafka C functions that create and shape a mock cluster (rdkafka_mock.h). They are called on the very
/// library file Confluent.Kafka loaded: its package ships <c>librdkafka.so</c> (linked against libsasl2.so.3,
/// which Debian lacks) and <c>centos8-librdkafka.so</c>, and Confluent.Kafka tries them in that order.
/// </summary>
internal static partial class RdKafkaMockNative
{
    // A logical name, resolved below; never a file on disk.
    private const string Library = "streaming-librdkafka";

    // Confluent.Kafka's own order on glibc Linux (NativeMethods, then NativeMethods_Centos8); macOS and Windows
    // resolve "librdkafka" directly.
    private static readonly string[] Candidates = ["librdkafka", "centos8-librdkafka"];

    static RdKafkaMockNative() => NativeLibrary.SetDllImportResolver(typeof(RdKafkaMockNative).Assembly, Resolve);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    internal static partial IntPtr ConfNew();

    /// <summary><c>rd_kafka_conf_set</c>; returns an <c>rd_kafka_conf_res_t</c>, 0 is success.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(IntPtr conf, string name, string value, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(IntPtr conf);

    /// <summary><c>rd_kafka_new</c>; type 0 is a producer. Takes ownership of <paramref name="conf"/> only on success.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    internal static partial IntPtr New(int type, IntPtr conf, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(IntPtr rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial IntPtr MockClusterNew(IntPtr rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void MockClusterDestroy(IntPtr cluster);

    /// <summary>The cluster's bootstrap list (a C string owned by the cluster).</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial IntPtr MockClusterBootstraps(IntPtr cluster);

    /// <summary>Returns an <c>rd_kafka_resp_err_t</c>; 0 is success.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockTopicCreate(IntPtr cluster, string topic, int partitions, int replicationFactor);

    /// <summary>kafkajs needs a controller in the metadata answer, which the mock leaves unset by default.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_set_controller_id")]
    internal static partial void MockSetControllerId(IntPtr cluster, int brokerId);

    /// <summary>The mock waits 3 s before a new group's first rebalance unless told otherwise.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    internal static partial void MockGroupInitialRebalanceDelayMs(IntPtr cluster, int delayMs);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }
        // Probe as Confluent.Kafka's own P/Invokes do (its deps.json lists runtimes/<rid>/native/), so that dlopen
        // hands back the library Confluent.Kafka already has open rather than a second copy.
        var confluent = typeof(Confluent.Kafka.Library).Assembly;
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, confluent, searchPath, out var handle))
            {
                return handle;
            }
        }
        throw new DllNotFoundException($"librdkafka could not be loaded as any of {string.Join(", ", Candidates)} from the Confluent.Kafka package.");
    }
}
