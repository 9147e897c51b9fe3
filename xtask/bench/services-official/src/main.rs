//! The four-services program for the official SDK (see ../../services.sh): one client per
//! service, each from its own config (no aws-config), so every crate is linked in.
use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region};

macro_rules! client {
    ($krate:ident) => {{
        let config = $krate::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("eu-west-2"))
            .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "static"))
            .build();
        $krate::Client::from_conf(config)
    }};
}

fn main() {
    let connect = client!(aws_sdk_connect);
    let participant = client!(aws_sdk_connectparticipant);
    let dynamodb = client!(aws_sdk_dynamodb);
    let kinesis = client!(aws_sdk_kinesis);
    println!(
        "{} {} {} {}",
        std::mem::size_of_val(&connect),
        std::mem::size_of_val(&participant),
        std::mem::size_of_val(&dynamodb),
        std::mem::size_of_val(&kinesis)
    );
}
