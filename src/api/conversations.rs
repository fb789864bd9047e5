//! The conversations' endpoints: the list, a thread, sending and deleting, the long poll.

use contract::*;

use super::{encode, Api, HttpError, Method};

impl Api {
    pub async fn conversations(self) -> Result<ConversationList, HttpError> {
        self.get("/conversations").await
    }

    pub async fn conversation(self, id: &ConversationId, before: Option<u64>) -> Result<ConversationDetail, HttpError> {
        let before = before.map(|b| format!("?before={b}")).unwrap_or_default();
        self.get(&format!("/conversations/{}{before}", encode(id.as_str()))).await
    }

    pub async fn send_message(
        self,
        conversation: &ConversationId,
        request: &SendMessageRequest,
    ) -> Result<Message, HttpError> {
        self.send(Method::POST, &format!("/conversations/{}/messages", encode(conversation.as_str())), request).await
    }

    pub async fn delete_message(
        self,
        conversation: &ConversationId,
        message: &ClientMessageId,
    ) -> Result<(), HttpError> {
        self.send(
            Method::DELETE,
            &format!("/conversations/{}/messages/{}", encode(conversation.as_str()), encode(message.as_str())),
            &(),
        )
        .await
    }

    /// Conversation Routing: `take` the thread from the app that owns it, or hand it back.
    pub async fn thread_control(self, id: &ConversationId, take: bool) -> Result<ConversationSummary, HttpError> {
        let action = if take { "take-control" } else { "pass-control" };
        self.send(Method::POST, &format!("/conversations/{}/{action}", encode(id.as_str())), &()).await
    }

    /// A long poll; `wait` stays under the request timeout.
    pub async fn updates(self, since: u64, wait_seconds: u32) -> Result<Updates, HttpError> {
        self.get(&format!("/updates?since={since}&wait={wait_seconds}")).await
    }
}
