//! The install flow (OAuth through Facebook's window, then the Pages chosen), as the CRM and
//! Facebook would run it together.

use contract::{
    ApiError, ErrorCode, InstallResult, InstallStart, InstallStartRequest, Installation, PageAvailability, PageChoice,
    PageId, PageRef, Permission, PersonId, Visibility,
};

use crate::failure::{next_reference, ApiResult, Failure};
use crate::world::{Flow, Grant, Install, World};

/// How long a `state` stays valid.
pub const FLOW_TTL_MS: i64 = 10 * 60 * 1000;
/// Most OAuth flows kept at once.
pub const MAX_FLOWS: usize = 1_000;
pub const CALLBACK_PATH: &str = "/api/integrations/facebook/callback";
pub const DIALOG_PATH: &str = "/sim/facebook/dialog";

impl World {
    /// `POST /install`: a one-time `state` bound to this session, and the dialog's URL.
    pub fn start_flow(
        &mut self,
        as_user: &PersonId,
        session: &str,
        purpose: InstallStartRequest,
        complete_path: String,
        share_pages: bool,
    ) -> ApiResult<InstallStart> {
        self.require_admin(as_user)?;
        if share_pages && matches!(purpose, InstallStartRequest::Rerequest { .. }) {
            return Err(Failure::new(
                ErrorCode::InvalidRequest,
                "share_pages goes with install, add_page or reconnect: a re-request keeps the Pages.",
            ));
        }
        let requested = match &purpose {
            InstallStartRequest::Install => Permission::required().to_vec(),
            InstallStartRequest::Reconnect | InstallStartRequest::AddPage => {
                let index = self.visible_install_index(as_user)?;
                if !self.installation(as_user, &self.installs[index]).can_manage {
                    return Err(Failure::new(
                        ErrorCode::NotAdmin,
                        "Only admins and the installer can change the Pages.",
                    ));
                }
                Permission::required().to_vec()
            }
            InstallStartRequest::Rerequest { permissions } if !permissions.is_empty() => {
                // Only what the integration needs may be asked again: anything else would go
                // into Facebook's URL on an attacker's say-so.
                if let Some(unknown) = permissions.iter().find(|p| !Permission::required().contains(p)) {
                    return Err(Failure::new(
                        ErrorCode::InvalidRequest,
                        format!("{:?} is not a permission this integration asks for.", unknown.scope()),
                    ));
                }
                permissions.clone()
            }
            InstallStartRequest::Rerequest { .. } => {
                return Err(Failure::new(ErrorCode::InvalidRequest, "Name the permissions to ask for again."))
            }
        };
        let state = self.flow_secret("st_");
        let now = self.now();
        let expires_at = now + FLOW_TTL_MS;
        let scope = requested.iter().map(Permission::scope).collect::<Vec<_>>().join(",");
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("client_id", crate::world::CRM_APP_ID);
        query.append_pair("redirect_uri", CALLBACK_PATH);
        query.append_pair("state", &state);
        query.append_pair("scope", &scope);
        // Facebook's way to show its Page choice again, as to ask for declined permissions.
        if share_pages || matches!(purpose, InstallStartRequest::Rerequest { .. }) {
            query.append_pair("auth_type", "rerequest");
        }
        let authorize_url = self.answer_url(format!("{DIALOG_PATH}?{}", query.finish()));
        // Expired flows go, and at the cap the oldest: starting flows in a loop cannot grow memory.
        self.flows.retain(|_, f| f.expires_at >= now);
        while self.flows.len() >= MAX_FLOWS {
            let oldest = self.flows.iter().min_by_key(|(_, f)| f.expires_at).map(|(s, _)| s.clone());
            oldest.map(|s| self.flows.remove(&s));
        }
        self.flows.insert(
            state.clone(),
            Flow {
                session: session.into(),
                purpose,
                complete_path,
                share_pages,
                requested,
                expires_at,
                code: None,
                callback_done: false,
                result: None,
                consumed: false,
            },
        );
        Ok(InstallStart { state, authorize_url, expires_at })
    }

    /// The dialog's Continue or Cancel: returns where Facebook redirects the popup. Facebook
    /// remembers the Pages ticked, per Facebook user (here: the CRM user logged in as them).
    pub fn submit_dialog(
        &mut self,
        as_user: &PersonId,
        state: &str,
        cancelled: bool,
        scopes: &[String],
        page_ids: &[PageId],
    ) -> String {
        let code = self.flow_secret("code_");
        let back = format!("{CALLBACK_PATH}?state={}", urlencode(state));
        let Some(flow) = self.flows.get(state) else { return back };
        // A re-request shows no Pages: Facebook keeps the ones shared before.
        let page_ids = if matches!(flow.purpose, InstallStartRequest::Rerequest { .. }) {
            self.pages_shared_by(as_user).to_vec()
        } else {
            if !cancelled {
                self.fb_page_grants.insert(as_user.clone(), page_ids.to_vec());
            }
            page_ids.to_vec()
        };
        let flow = self.flows.get_mut(state).expect("looked up above");
        let granted = scopes.iter().map(|s| Permission::from_scope(s)).filter(|p| flow.requested.contains(p)).collect();
        flow.code = Some(Grant { code: code.clone(), cancelled, granted, page_ids });
        if cancelled {
            format!("{back}&error=access_denied&error_reason=user_denied")
        } else {
            format!("{back}&code={code}")
        }
    }

    /// The Pages this user last shared with the app, as Facebook remembers them.
    pub fn pages_shared_by(&self, as_user: &PersonId) -> &[PageId] {
        self.fb_page_grants.get(as_user).map_or(&[], Vec::as_slice)
    }

    fn flow_checked(&self, session: &str, state: &str) -> ApiResult<&Flow> {
        let invalid = || Failure::new(ErrorCode::OauthStateInvalid, "This sign-in link is unknown, used or expired.");
        let flow = self.flows.get(state).ok_or_else(invalid)?;
        if flow.session != session || self.now() > flow.expires_at || flow.consumed {
            return Err(invalid());
        }
        Ok(flow)
    }

    /// Facebook's redirect: exchanges the code once and stores the result under `state`. What
    /// happened in the dialog is read from the redirect itself, as a real backend must: Facebook's
    /// `error=access_denied` with `error_reason=user_denied` is a cancel; any other `error` is
    /// `facebook_error`, keeping Facebook's words for support.
    pub fn callback(
        &mut self,
        as_user: &PersonId,
        session: &str,
        state: &str,
        redirect: &FacebookRedirect,
    ) -> ApiResult<()> {
        let flow = self.flow_checked(session, state)?;
        let invalid = || Failure::new(ErrorCode::OauthStateInvalid, "The authorization code does not match.");
        if flow.callback_done {
            return Err(invalid());
        }
        let purpose = flow.purpose.clone();
        let result = match (&redirect.error, &redirect.code) {
            (Some(error), _) if error == "access_denied" && redirect.error_reason.as_deref() == Some("user_denied") => {
                failed(ErrorCode::InstallCancelled, "You cancelled in the Facebook dialog.", |_| {})
            }
            (Some(error), _) => {
                let said = redirect.error_description.as_deref().unwrap_or(error);
                failed(ErrorCode::FacebookError, &format!("Facebook answered {error}: {said}"), |_| {})
            }
            (None, Some(code)) => {
                let grant = flow.code.clone().ok_or_else(invalid)?;
                if grant.cancelled || !crate::clock::same_secret(code, &grant.code) {
                    return Err(invalid());
                }
                if self.facebook_fails {
                    failed(ErrorCode::FacebookError, "Facebook could not complete the installation.", |_| {})
                } else {
                    self.exchange(as_user, &purpose, &grant)
                }
            }
            (None, None) => return Err(invalid()),
        };
        let flow = self.flows.get_mut(state).expect("checked above");
        flow.callback_done = true;
        flow.result = Some(result);
        Ok(())
    }

    fn exchange(&mut self, as_user: &PersonId, purpose: &InstallStartRequest, grant: &Grant) -> InstallResult {
        let asked: Vec<Permission> = match purpose {
            InstallStartRequest::Rerequest { permissions } => permissions.clone(),
            _ => Permission::required().to_vec(),
        };
        for p in &asked {
            if grant.granted.contains(p) {
                self.fb_grants.insert(p.clone());
            } else {
                self.fb_grants.remove(p);
            }
        }
        let missing = self.missing_permissions();
        if !missing.is_empty() {
            // The grants are the company's: an installed Page's health changed for every tab.
            if self.install(as_user).is_some() {
                self.push_event(contract::UpdateEvent::Integration);
            }
            return failed(ErrorCode::MissingPermissions, "Some permissions were not granted.", |d| {
                d.missing_permissions = missing
            });
        }
        let visible = self.install_visible_to(as_user).cloned();
        match (purpose, visible) {
            (InstallStartRequest::Install, _)
            | (InstallStartRequest::AddPage, Some(_))
            | (InstallStartRequest::Rerequest { .. }, None) => {
                let pages = grant.page_ids.iter().filter_map(|id| self.page_choice(as_user, id)).collect();
                InstallResult::ChoosePage { granted_permissions: self.fb_grants.iter().cloned().collect(), pages }
            }
            (InstallStartRequest::Reconnect | InstallStartRequest::Rerequest { .. }, Some(install)) => {
                // A reconnect renews exactly the Pages ticked in Facebook's dialog (their tokens
                // are the ones Facebook issued again); a re-request keeps the Pages shared before.
                let (renewed, not_renewed): (Vec<_>, Vec<_>) = match purpose {
                    InstallStartRequest::Reconnect => {
                        install.page_ids.iter().cloned().partition(|id| grant.page_ids.contains(id))
                    }
                    _ => (install.page_ids.clone(), Vec::new()),
                };
                for id in &renewed {
                    if let Some(page) = self.page_mut(id) {
                        page.token_expired = false;
                        page.app_removed = false;
                        page.webhook_subscribed = true;
                    }
                }
                if !renewed.is_empty() {
                    self.push_event(contract::UpdateEvent::Integration);
                }
                let not_renewed = not_renewed
                    .iter()
                    .filter_map(|id| self.page(id))
                    .map(|p| PageRef { id: p.id.clone(), name: p.name.clone() })
                    .collect();
                InstallResult::Completed { installation: self.installation(as_user, &install), not_renewed }
            }
            (InstallStartRequest::Reconnect | InstallStartRequest::AddPage, None) => {
                failed(ErrorCode::NotInstalled, "The integration was uninstalled meanwhile.", |_| {})
            }
        }
    }

    fn page_choice(&self, as_user: &PersonId, page_id: &PageId) -> Option<PageChoice> {
        let page = self.page(page_id)?;
        let my_company = &self.user(as_user).company;
        let mine = self.install_visible_to(as_user).is_some_and(|i| i.page_ids.contains(&page.id));
        let availability = match &page.connected_to {
            Some(_) if mine => PageAvailability::AlreadyConnected,
            Some(company) if company != my_company => {
                PageAvailability::ConnectedToOtherCompany { company_name: self.company_name(company) }
            }
            Some(_) => match self.private_by_other(as_user).and_then(|f| f.0.details.person) {
                Some(admin) => PageAvailability::ConnectedPrivatelyByOtherAdmin { admin },
                None => PageAvailability::Connectable,
            },
            None => PageAvailability::Connectable,
        };
        Some(PageChoice {
            id: page.id.clone(),
            name: page.name.clone(),
            availability,
            settings_url: self.answer_url(page.settings_url()),
        })
    }

    pub fn flow_result(&self, as_user: &PersonId, session: &str, state: &str) -> ApiResult<InstallResult> {
        let flow = self.flows.get(state);
        if flow.is_some_and(|f| f.consumed && f.session == session) {
            // Already connected with this state; report it as completed rather than as an error.
            if let Some(i) = self.install_visible_to(as_user) {
                let installation = self.installation(as_user, i);
                return Ok(InstallResult::Completed { installation, not_renewed: Vec::new() });
            }
        }
        let flow = self.flow_checked(session, state)?;
        Ok(flow.result.clone().unwrap_or(InstallResult::Pending))
    }

    /// Connects the Pages offered by the flow's result, all or none; the last step of an
    /// install or of Add a Page. An existing install keeps its visibility and its Pages.
    pub fn connect_pages(
        &mut self,
        as_user: &PersonId,
        session: &str,
        state: &str,
        page_ids: &[PageId],
        visibility: Visibility,
    ) -> ApiResult<Installation> {
        self.require_admin(as_user)?;
        let flow = self.flow_checked(session, state)?;
        let Some(InstallResult::ChoosePage { pages: offered, .. }) = &flow.result else {
            return Err(Failure::new(ErrorCode::InvalidRequest, "This sign-in offered no Pages."));
        };
        if page_ids.is_empty() {
            return Err(Failure::new(ErrorCode::InvalidRequest, "Name at least one Page to connect."));
        }
        if let Some(id) = page_ids.iter().find(|id| !offered.iter().any(|p| &p.id == *id)) {
            return Err(Failure::new(
                ErrorCode::InvalidRequest,
                format!("The Page {id:?} was not offered by the sign-in."),
            ));
        }
        if visibility == Visibility::Unknown {
            return Err(Failure::new(ErrorCode::InvalidRequest, "Visibility must be private or shared."));
        }
        if let Some(f) = self.private_by_other(as_user) {
            return Err(f);
        }
        let mut ids: Vec<PageId> = Vec::with_capacity(page_ids.len());
        for id in page_ids {
            if !ids.contains(id) {
                self.connectable(as_user, id)?;
                ids.push(id.clone());
            }
        }
        let now = self.now();
        let my_company = self.user(as_user).company.clone();
        let install = match self.installs.iter_mut().position(|i| i.company == my_company) {
            Some(at) => &mut self.installs[at],
            None => {
                self.installs.push(Install {
                    company: my_company.clone(),
                    installed_by: as_user.clone(),
                    installed_at: now,
                    visibility,
                    page_ids: Vec::new(),
                });
                self.installs.last_mut().expect("just pushed")
            }
        };
        for id in &ids {
            if !install.page_ids.contains(id) {
                install.page_ids.push(id.clone());
            }
        }
        for id in &ids {
            let p = self.page_mut(id).expect("offered pages exist");
            p.connected_to = Some(my_company.clone());
            p.webhook_subscribed = true;
            p.token_expired = false;
            p.app_removed = false;
        }
        self.flows.get_mut(state).expect("checked").consumed = true;
        self.push_event(contract::UpdateEvent::Integration);
        Ok(self.installation(as_user, self.install(as_user).expect("just installed")))
    }

    /// Why this Page cannot join this company's integration now, if it cannot.
    fn connectable(&self, as_user: &PersonId, page_id: &PageId) -> ApiResult<()> {
        let page = self.page(page_id).expect("offered pages exist");
        let my_company = &self.user(as_user).company;
        let page_ref = PageRef { id: page.id.clone(), name: page.name.clone() };
        if let Some(company) = page.connected_to.as_ref().filter(|c| *c != my_company) {
            let other = self.company_name(company);
            return Err(Failure::new(
                ErrorCode::PageConnectedToOtherCompany,
                "The Page is connected to another company account.",
            )
            .with(|d| {
                d.other_company = Some(other);
                d.page = Some(page_ref);
            }));
        }
        if let Some(person) = page.app_installed_by.clone() {
            return Err(Failure::new(
                ErrorCode::AppInstalledByOtherPageAdmin,
                "Another Page admin installed the Messenger app on this Page.",
            )
            .with(|d| {
                d.person = Some(person);
                d.page = Some(page_ref);
            }));
        }
        Ok(())
    }
}

fn failed(code: ErrorCode, message: &str, details: impl FnOnce(&mut contract::ErrorDetails)) -> InstallResult {
    let mut error =
        ApiError { code, message: message.into(), reference: next_reference(), details: Default::default() };
    details(&mut error.details);
    InstallResult::Failed { error }
}

pub fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The query Facebook redirects the popup back with: a `code`, or an `error`.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FacebookRedirect {
    pub state: String,
    pub code: Option<String>,
    /// `access_denied` when the user cancelled; other values when Facebook failed.
    pub error: Option<String>,
    /// `user_denied` with `access_denied`.
    pub error_reason: Option<String>,
    pub error_description: Option<String>,
}
