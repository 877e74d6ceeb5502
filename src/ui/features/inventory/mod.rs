//! The All keys page's sections: the scan across every connection, Find a
//! key, Findings under the policy, the table, and export. The inventory's
//! rules (places, fingerprints, findings, matching, file formats) are in
//! `crate::inventory`; this folder reads the providers and shows them.

mod conditional;
mod export;
mod find;
mod findings;
mod github_source;
mod org_sources;
mod policy_form;
mod scan;
mod scan_panel;
mod table;

pub(crate) use export::ExportButtons;
pub(crate) use find::FindKey;
pub(crate) use findings::Findings;
pub(crate) use policy_form::PolicyForm;
pub(crate) use scan::Scan;
pub(crate) use scan_panel::ScanPanel;
pub(crate) use table::InventoryTable;
