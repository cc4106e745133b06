use mommytrack_engine::internals::fnv1a128;

#[test]
fn fnv1a128_matches_the_reference_values() {
    // From the FNV reference test vectors.
    assert_eq!(fnv1a128(b""), 0x6c62272e07bb014262b821756295c58d);
    assert_eq!(fnv1a128(b"a"), 0xd228cb696f1a8caf78912b704e4a8964);
}
