fn main() {
    keyward::ui::mount();
}
