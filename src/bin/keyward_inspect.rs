//! The small first load: the Inspect page alone (see `ui::app::InspectApp`).

fn main() {
    keyward::ui::mount_inspect();
}
