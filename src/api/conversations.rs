//! The conversations' endpoints: the list, a thread, sending and deleting, the long poll.

use contract::*;

use super::{encode, Api, HttpError, Method};

/// How many of a thread's newest messages open it: a screenful several times over, and few
/// enough that a long thread opens as fast as a short one (docs/performance.md). Older ones
/// come with "Show earlier messages", a page at a time.
pub const NEWEST_PAGE: usize = 50;

impl Api {
    /// A page of the list. The first page of everything is `/conversations` as it stands, the
    /// read the loader may have begun before the wasm came.
    pub async fn conversations(self, query: &ConversationListQuery) -> Result<ConversationList, HttpError> {
        self.get(&format!("/conversations{}", query.to_query_string())).await
    }

    /// This user has read the thread up to `seq`; their other tabs hear it through the updates.
    pub async fn mark_read(self, id: &ConversationId, seq: u64) -> Result<ReadMark, HttpError> {
        self.send(Method::POST, &format!("/conversations/{}/read", encode(id.as_str())), &MarkReadRequest { seq }).await
    }

    /// The newest `NEWEST_PAGE` messages, or the server's page (200) before `before`.
    pub async fn conversation(self, id: &ConversationId, before: Option<u64>) -> Result<ConversationDetail, HttpError> {
        let query = match before {
            Some(before) => format!("?before={before}"),
            None => format!("?limit={NEWEST_PAGE}"),
        };
        self.get(&format!("/conversations/{}{query}", encode(id.as_str()))).await
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

    /// A long poll; `wait` stays under the request timeout. Also the answer's JSON as it came,
    /// which the leader tab passes on to the others (`inbox::leader`).
    pub async fn updates(self, since: u64, wait_seconds: u32) -> Result<(Updates, String), HttpError> {
        let mut answer = None;
        self.read(&format!("/updates?since={since}&wait={wait_seconds}"), &mut |text| {
            answer = Some((serde_json::from_str(text).map_err(|_| HttpError::Malformed)?, text.to_owned()));
            Ok(())
        })
        .await?;
        answer.ok_or(HttpError::Malformed)
    }
}
