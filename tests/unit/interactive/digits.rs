use super::*;

#[test]
fn two_digits_reach_ten_and_up() {
    let items: Vec<Item> = (1..=11)
        .map(|i| Item::numbered(&format!("{i}. "), "x", Some(i)))
        .collect();
    let mut d = Digits::default();
    assert_eq!(d.push(1, &items), Typed::Wait);
    assert!(d.note(&items).unwrap().contains("picks 10 to 11"));
    assert_eq!(d.push(1, &items), Typed::Number(11));
    assert_eq!(d.push(2, &items), Typed::Number(2));
    assert_eq!(d.push(1, &items), Typed::Wait);
    assert_eq!(d.due(true), Some(1));
    assert_eq!(d.due(true), None);
}
