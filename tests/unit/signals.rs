use super::*;

#[test]
fn the_pending_temporary_file_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join(".mommytrack-x.tmp");
    std::fs::write(&tmp, "half a report").unwrap();
    remember_temp(&tmp);
    remove_temp();
    assert!(!tmp.exists());
    remove_temp(); // nothing pending: nothing happens
}
