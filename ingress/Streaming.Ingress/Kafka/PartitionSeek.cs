namespace Streaming.Ingress;

/// <summary>Where a partition's messages at or after a time start (<see cref="KafkaTimeSeeker"/>).</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Low">Its low watermark (oldest offset still kept).</param>
/// <param name="High">Its high watermark (next offset to be written) when it was sought.</param>
/// <param name="Offset">The first offset whose timestamp is at or after the time; <paramref name="High"/> when none is.</param>
/// <param name="Searched">True when the broker's offsets-for-times lookup gave no usable answer and the offset was found by
/// reading messages by offset (a binary search over message timestamps).</param>
/// <param name="Probes">Messages read to find or check the offset.</param>
public sealed record PartitionSeek(int Partition, long Low, long High, long Offset, bool Searched, int Probes);
