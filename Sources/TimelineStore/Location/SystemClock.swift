import TimelineCore

#if canImport(Glibc)
    import Glibc
#endif

/// The wall clock, as transaction time.
public enum SystemClock {
    /// The current UTC time, to the millisecond.
    public static var now: RecordedTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return RecordedTime(milliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}
