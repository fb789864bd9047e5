//! Conversation Routing: which Messenger app owns each thread, as Facebook's handover
//! protocol keeps it. While another app (a chatbot, Meta's Page Inbox) owns a thread,
//! Facebook refuses this app's sends to it; taking the thread over lifts that.

use contract::{ConversationId, ConversationSummary, ErrorCode, MessengerApp, PageRef, PersonId, UpdateEvent};

use crate::failure::{ApiResult, Failure};
use crate::world::{World, CRM_APP_ID};

impl World {
    /// Another known app, by Facebook's app id; `None` for this app or an unknown id.
    pub fn other_app(&self, id: &str) -> Option<MessengerApp> {
        self.apps.iter().find(|a| a.id == id && a.id != CRM_APP_ID).cloned()
    }

    /// An app by name or id, as `/sim` takes it: `None` means this app.
    pub fn app_named(&self, name: &str) -> ApiResult<Option<MessengerApp>> {
        let app = self.apps.iter().find(|a| a.name.eq_ignore_ascii_case(name) || a.id == name).ok_or_else(|| {
            let known: Vec<_> = self.apps.iter().map(|a| a.name.as_str()).collect();
            Failure::new(ErrorCode::NotFound, format!("No Messenger app named {name:?}; known: {}.", known.join(", ")))
        })?;
        Ok((app.id != CRM_APP_ID).then(|| app.clone()))
    }

    /// Facebook's `take_thread_control`: this app owns the thread from now on and remembers
    /// whom it took it from. Taking a thread this app owns changes nothing.
    pub fn take_control(&mut self, as_user: &PersonId, id: &ConversationId) -> ApiResult<ConversationSummary> {
        self.require_messaging(as_user)?;
        let index = self.conversation_index(as_user, id)?;
        let c = &mut self.conversations[index];
        if let Some(previous) = c.owner_app.take() {
            c.taken_from = Some(previous);
            self.push_event(UpdateEvent::Conversation { conversation: self.summary(index) });
        }
        Ok(self.summary_for(index, as_user))
    }

    /// Facebook's `pass_thread_control` back to the app the thread was taken from.
    pub fn pass_control(&mut self, as_user: &PersonId, id: &ConversationId) -> ApiResult<ConversationSummary> {
        self.require_messaging(as_user)?;
        let index = self.conversation_index(as_user, id)?;
        let c = &mut self.conversations[index];
        let Some(back) = c.taken_from.take() else {
            return Err(Failure::new(
                ErrorCode::InvalidRequest,
                "This app took the thread from no app to hand it back to.",
            ));
        };
        c.owner_app = Some(back);
        self.push_event(UpdateEvent::Conversation { conversation: self.summary(index) });
        Ok(self.summary_for(index, as_user))
    }

    /// `/sim/thread-owner`: Conversation Routing gives the thread to `app` (`None`: this app),
    /// as a Page admin or the other app would.
    pub fn set_thread_owner(&mut self, customer: &str, app: Option<&str>) -> ApiResult<ConversationSummary> {
        let index = self.customer_index(customer)?;
        let owner = app.map(|name| self.app_named(name)).transpose()?.flatten();
        let c = &mut self.conversations[index];
        c.owner_app = owner;
        c.taken_from = None;
        self.push_event(UpdateEvent::Conversation { conversation: self.summary(index) });
        Ok(self.summary(index))
    }

    /// `/sim/default-app`: the Page's default app in Conversation Routing (`None`: this app).
    pub fn set_default_app(&mut self, page: &str, app: Option<&str>) -> ApiResult<(PageRef, Option<MessengerApp>)> {
        let default_app = app.map(|name| self.app_named(name)).transpose()?.flatten();
        let page = self.find_page_mut(page)?;
        page.default_app = default_app.clone();
        Ok((PageRef { id: page.id.clone(), name: page.name.clone() }, default_app))
    }

    /// A handover the webhook reports (`pass_thread_control`, `take_thread_control`). Ids of
    /// apps Facebook never told us of are skipped, as a real backend would log and drop them.
    pub(crate) fn handover(&mut self, index: usize, new_owner: Option<&str>, previous: Option<&str>) -> bool {
        let Some(new_owner) = new_owner else { return false };
        let c = &self.conversations[index];
        let (owner_app, taken_from) = if new_owner == CRM_APP_ID {
            (None, previous.and_then(|id| self.other_app(id)))
        } else {
            match self.other_app(new_owner) {
                Some(app) => (Some(app), None),
                None => return false,
            }
        };
        if (c.owner_app.as_ref(), c.taken_from.as_ref()) == (owner_app.as_ref(), taken_from.as_ref()) {
            return true;
        }
        let c = &mut self.conversations[index];
        (c.owner_app, c.taken_from) = (owner_app, taken_from);
        self.push_event(UpdateEvent::Conversation { conversation: self.summary(index) });
        true
    }
}
