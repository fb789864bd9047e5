pub mod conversations_page;
