namespace Flask.Testing.TestKit;

/// <summary>How a hostile judge misbehaves (see <see cref="HostileJudge"/>).</summary>
public enum HostileMode
{
    /// <summary>Sends the headers and half of a valid body, then sends nothing more and keeps the connection open.</summary>
    StallMidBody,

    /// <summary>Sends the headers (with the full Content-Length) and half of the body, then closes the connection.</summary>
    CloseMidBody,

    /// <summary>Resets the TCP connection (RST) right after reading the request, before any byte of the answer.</summary>
    ConnectionReset,

    /// <summary>A 200 whose body is not JSON (a chat completion cut off, with a matching Content-Length).</summary>
    InvalidJson,

    /// <summary>A 200 chat completion whose message is <see cref="HostileJudge.HugeBodyBytes"/> long, sent chunked.</summary>
    HugeBody,

    /// <summary>A 401 whose error body echoes the request's Authorization header, as some proxies do.</summary>
    Unauthorized,

    /// <summary>A 400 whose error body echoes the request's Authorization header.</summary>
    EchoAuthorization,

    /// <summary>Waits <see cref="HostileJudge.SlowHeadersDelay"/> before sending the headers.</summary>
    SlowHeaders,
}
