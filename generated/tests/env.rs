//! `from_env` constructors. Alone in this binary: it changes the process environment.

use amazon_connect::config::{Config, Credentials};

#[test]
fn config_and_credentials_from_env() {
    for name in ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]
    {
        std::env::remove_var(name);
    }
    let err = Credentials::from_env().expect_err("nothing set");
    assert!(err.to_string().contains("AWS_ACCESS_KEY_ID"), "{err}");
    let config = Config::from_env();
    assert_eq!((config.region(), config.has_credentials()), (None, false));

    std::env::set_var("AWS_DEFAULT_REGION", "eu-west-1");
    std::env::set_var("AWS_ACCESS_KEY_ID", "AKIDENV");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "secret-env");
    std::env::set_var("AWS_SESSION_TOKEN", "");
    let creds = Credentials::from_env().expect("set");
    assert_eq!(
        (creds.access_key_id(), creds.secret_access_key(), creds.session_token()),
        ("AKIDENV", "secret-env", None)
    );
    assert_eq!(Config::from_env().region(), Some("eu-west-1"));

    std::env::set_var("AWS_REGION", "ap-south-1");
    std::env::set_var("AWS_SESSION_TOKEN", "tok-env");
    let config = Config::from_env();
    assert_eq!(config.region(), Some("ap-south-1"));
    assert!(config.has_credentials());
    assert_eq!(Credentials::from_env().expect("set").session_token(), Some("tok-env"));
    assert!(!format!("{config:?}").contains("tok-env"));
    // The environment does not choose the clock: signing reads the system clock.
    assert_eq!(format!("{:?}", config.time_source()), "SystemClock");
}
