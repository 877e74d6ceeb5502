//! HCP Terraform / Terraform Enterprise organization SSH keys.

mod key_forms;
mod private_key_field;
mod ssh_keys;

pub(crate) use ssh_keys::TfeSshKeys;
