//! The throwaway key the UI's tests paste, made with
//! `ssh-keygen -t ed25519 -N '' -C test@keyward`; it guards nothing.

/// Its public line, with its comment.
pub(crate) const LINE: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBDBnJjCZ1XnwBD7AchoozOkgtI0c1w45QfUl7xPL22k test@keyward";
/// As `ssh-keygen -l -f` prints it.
pub(crate) const SHA256: &str = "SHA256:A9mPHTRCttauFLMfiw3/i1wRAPkqk+hXukqaoJNmdDc";
/// Its private key.
pub(crate) const PRIVATE_KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACAQwZyYwmdV58AQ+wHIaKMzpILSNHNcOOUH1Je8Ty9tpAAAAJC6QYyEukGM
hAAAAAtzc2gtZWQyNTUxOQAAACAQwZyYwmdV58AQ+wHIaKMzpILSNHNcOOUH1Je8Ty9tpA
AAAECIFf01BoIzMla9QHXJ4b42zJxhYKl5kJzUm6kjotlCcRDBnJjCZ1XnwBD7AchoozOk
gtI0c1w45QfUl7xPL22kAAAADHRlc3RAa2V5d2FyZAE=
-----END OPENSSH PRIVATE KEY-----
";
