// The app starts when a host mounts it (`<messenger-integration>` or `mount()`), never on load.
fn main() {}
