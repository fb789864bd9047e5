fn main() {
    msg_ui::mount_from_document();
}
