//! Helpers shared by the tests.

/// Numbers below `n`, one per call, from a xorshift generator started at `seed`:
/// the same stream on every run, so a random case that fails fails again.
pub fn below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}
