pub mod composer;
pub mod conversation_list;
pub mod conversation_thread;
pub mod conversations_page;
pub mod message_bubble;
pub mod offline_bar;
pub mod page_status_banner;
pub mod reply_window_banner;
