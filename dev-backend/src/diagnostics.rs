//! The troubleshooter: each check as Facebook would answer it now, and the one fix the
//! backend can make by itself (subscribing a Page's webhook again with its token).

use contract::{
    CheckId, CheckResult, CheckStatus, ErrorCode, FixCode, PageId, PageRef, PageTask, Permission, PersonId,
    Restriction, UpdateEvent,
};

use crate::failure::{ApiResult, Failure};
use crate::world::World;

/// The webhook fields this app subscribes a Page to: all it needs to hear of messages,
/// receipts and handovers. Facebook's `POST /{page-id}/subscribed_apps` takes them.
pub const WEBHOOK_FIELDS: [&str; 4] = ["messages", "message_deliveries", "message_reads", "messaging_handovers"];

/// What `/sim/inbound` answers for a Page whose subscription was dropped.
pub const NOT_DELIVERED: &str =
    "The Page's webhook subscription for this app was dropped; Facebook delivers nothing to it.";

impl World {
    /// One troubleshooter check against a connected Page (the first when none is named), as
    /// Facebook would answer it now.
    pub fn diagnose(&self, as_user: &PersonId, check: CheckId, page_id: Option<&PageId>) -> ApiResult<CheckResult> {
        let index = self.visible_install_index(as_user)?;
        let install = &self.installs[index];
        let id = match page_id {
            Some(id) if install.page_ids.iter().any(|p| p == id) => Some(id),
            Some(_) => return Err(Failure::new(ErrorCode::NotFound, "That Page is not connected.")),
            None => install.page_ids.first(),
        };
        let page = id.and_then(|id| self.page(id));
        let about = page.map(|p| PageRef { id: p.id.clone(), name: p.name.clone() });
        let result = |status, fix| CheckResult { page: about.clone(), ..CheckResult::new(check, status, fix) };
        let pass = || result(CheckStatus::Pass, None);
        let token_ok = page.is_some_and(|p| !p.token_expired && !p.app_removed);
        Ok(match (check, page) {
            (_, None) => result(CheckStatus::Fail, Some(FixCode::Reconnect)),
            (CheckId::TokenValid, Some(_)) if !token_ok => result(CheckStatus::Fail, Some(FixCode::Reconnect)),
            (CheckId::TokenValid, _) => pass(),
            (_, Some(_)) if !token_ok && check != CheckId::AppInstalled => result(CheckStatus::Skipped, None),
            (CheckId::PermissionsGranted, _) => {
                let missing = self.missing_permissions();
                if missing.is_empty() {
                    pass()
                } else {
                    let detail = Some(missing.iter().map(Permission::scope).collect::<Vec<_>>().join(", "));
                    let fail = result(CheckStatus::Fail, Some(FixCode::GrantPermissions));
                    CheckResult { missing_permissions: missing, detail, ..fail }
                }
            }
            (CheckId::WebhookSubscribed, Some(p)) if !p.webhook_subscribed => {
                let missing_fields = WEBHOOK_FIELDS.map(String::from).to_vec();
                CheckResult { missing_fields, ..result(CheckStatus::Fail, Some(FixCode::Resubscribe)) }
            }
            (CheckId::WebhookSubscribed, _) => pass(),
            (CheckId::ReceivesConversations, Some(p)) => match &p.default_app {
                Some(app) => {
                    let fail = result(CheckStatus::Fail, Some(FixCode::ChangeConversationRouting));
                    CheckResult {
                        default_app: Some(app.clone()),
                        detail: Some(format!("Default app: {}", app.name)),
                        ..fail
                    }
                }
                None => pass(),
            },
            // The role on the Facebook Page, not in the CRM: managing the integration takes MANAGE.
            (CheckId::PageRole, Some(p)) => {
                let tasks = p.tasks_of(as_user).to_vec();
                if tasks.contains(&PageTask::Manage) {
                    CheckResult { page_tasks: tasks, ..pass() }
                } else {
                    let can_grant = p
                        .tasks
                        .iter()
                        .filter(|(_, t)| t.contains(&PageTask::Manage))
                        .map(|(u, _)| self.user(u).person.clone())
                        .collect();
                    let fail = result(CheckStatus::Fail, Some(FixCode::AskForPageAdminRole));
                    CheckResult { page_tasks: tasks, can_grant, ..fail }
                }
            }
            (CheckId::AppInstalled, Some(p)) if p.app_removed => {
                result(CheckStatus::Fail, Some(FixCode::CheckBusinessIntegrations))
            }
            (CheckId::AppInstalled, _) => pass(),
            (CheckId::PageRestriction, Some(p)) => match &p.restriction {
                Some(r) => {
                    let restriction = Restriction { appeal_url: self.answer_url(r.appeal_url.clone()), ..r.clone() };
                    let fail = result(CheckStatus::Fail, Some(FixCode::AppealRestriction));
                    CheckResult { detail: Some(r.reason.clone()), restriction: Some(restriction), ..fail }
                }
                None => pass(),
            },
            (CheckId::Unknown, _) => return Err(Failure::new(ErrorCode::NotFound, "No such check.")),
        })
    }

    /// Facebook delivers nothing for a connected Page that lost its subscription. A Page
    /// connected to no install keeps its messages on Facebook, which the inbox shows once
    /// it is connected, as before.
    pub fn webhook_dropped(&self, page_id: &PageId) -> bool {
        self.page(page_id).is_some_and(|p| p.connected_to.is_some() && !p.webhook_subscribed)
    }

    /// `POST .../pages/{page_id}/subscription`: Facebook's `POST /{page-id}/subscribed_apps`
    /// with the Page's token, which takes a valid token. Answers the check it fixes.
    pub fn resubscribe(&mut self, as_user: &PersonId, page_id: &PageId) -> ApiResult<CheckResult> {
        let index = self.visible_install_index(as_user)?;
        if !self.installation(as_user, &self.installs[index]).can_manage {
            return Err(Failure::new(ErrorCode::NotAdmin, "Only admins and the installer can subscribe a Page again."));
        }
        if !self.installs[index].page_ids.contains(page_id) {
            return Err(Failure::new(ErrorCode::NotFound, "That Page is not connected."));
        }
        let page = self.page_mut(page_id).expect("connected pages exist");
        if page.token_expired || page.app_removed {
            return Err(Failure::new(ErrorCode::TokenExpired, "The Page's access token expired: reconnect instead."));
        }
        page.webhook_subscribed = true;
        self.push_event(UpdateEvent::Integration);
        self.diagnose(as_user, CheckId::WebhookSubscribed, Some(page_id))
    }

    /// `/sim/webhook-subscription`: the Page loses (or gets back) its subscription to this
    /// app, as a Page admin removing the app's access in Meta's settings would. Facebook does
    /// not tell the app; messages just stop.
    pub fn set_webhook_subscription(&mut self, page: &str, subscribed: bool) -> ApiResult<PageRef> {
        let page = self.find_page_mut(page)?;
        if page.connected_to.is_none() {
            return Err(Failure::new(ErrorCode::InvalidRequest, "The Page is not connected to any install."));
        }
        page.webhook_subscribed = subscribed;
        Ok(PageRef { id: page.id.clone(), name: page.name.clone() })
    }
}
