//! HCP Terraform / Terraform Enterprise organization SSH keys.

mod destination;
mod key_forms;
mod key_places;
mod machine_user;
mod module_access;
mod organizations;
mod private_key_field;
mod recorded;
mod repository_choice;
mod rotation;
mod ssh_keys;

pub(crate) use organizations::TfeOrganizationPicker;
pub(crate) use ssh_keys::TfeSshKeys;
