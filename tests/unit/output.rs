use super::*;

#[test]
fn tilde_expands_to_home_only_at_the_start() {
    let home = Path::new("/home/sam");
    assert_eq!(expand_tilde("~", Some(home)), home);
    assert_eq!(
        expand_tilde("~/Documents/r.md", Some(home)),
        home.join("Documents/r.md")
    );
    assert_eq!(expand_tilde("a/~/b", Some(home)), Path::new("a/~/b"));
    assert_eq!(expand_tilde("~other/x", Some(home)), Path::new("~other/x"));
    assert_eq!(expand_tilde("~/x", None), Path::new("~/x"));
}

#[test]
fn colour_follows_no_color_term_and_the_flag() {
    let tty = Terminal {
        stdout_tty: true,
        stderr_tty: true,
        ..Terminal::default()
    };
    assert!(Plan::new(tty.clone(), ColorChoice::Auto).color_stdout);
    let no_color = Terminal {
        no_color: true,
        ..tty.clone()
    };
    assert!(!Plan::new(no_color.clone(), ColorChoice::Auto).color_stderr);
    assert!(Plan::new(no_color, ColorChoice::Always).color_stdout);
    let dumb = Terminal {
        dumb: true,
        ..tty.clone()
    };
    let plan = Plan::new(dumb, ColorChoice::Auto);
    assert!(!plan.color_stdout && !plan.color_stderr);
    assert!(!Plan::new(Terminal::default(), ColorChoice::Auto).color_stdout);
    let plain = Plan::new(tty, ColorChoice::Always).plain(true);
    assert!(plain.plain && !plain.color_stdout && !plain.color_stderr);
}
