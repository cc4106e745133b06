use super::*;

#[test]
fn exit_codes_follow_the_contract() {
    let e = anyhow::Error::new(Failure::usage("x"));
    assert_eq!(exit_code(&e), 2);
    let e = anyhow::Error::new(Failure::invalid("x")).context("while loading");
    assert_eq!(exit_code(&e), 65);
    assert_eq!(exit_code(&anyhow::anyhow!("other")), 1);
}
