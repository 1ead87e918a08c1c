using System.Net;

namespace Pdc.Streaming.Ingest;

/// <summary>A connection the listener identified, handed to its input's path with the bytes read so far still in the pipe.</summary>
internal sealed record ListenerConnection(StreamDuplexPipe Pipe, EndPoint? Peer);
