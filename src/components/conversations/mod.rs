//! The conversations part's screens: compiled only in a build with its feature.
#![cfg(feature = "conversations")]

pub mod cannot_receive_notice;
pub mod choose_conversation;
pub mod chosen_files;
pub mod composer;
pub mod conversation_list;
pub mod conversation_row;
pub mod conversation_thread;
pub mod conversations_page;
pub mod day_separator;
pub mod list_filters;
pub mod list_search;
pub mod message_attachment;
pub mod message_bubble;
pub mod message_time;
pub mod offline_bar;
pub mod open_conversation;
pub mod page_status_banner;
pub mod pending_files;
pub mod picture_attachment;
pub mod reply_window_banner;
pub mod thread_owner_banner;
