//! The integration as it stands: what each user sees of it (the Pages and their health), and
//! the changes made from the settings (visibility, uninstall, a Page disconnected).

use contract::{
    ConnectedPage, ErrorCode, Installation, IntegrationState, PageHealth, PageId, Permission, PersonId, Visibility,
};

use crate::failure::{ApiResult, Failure};
use crate::world::{Install, World};

impl World {
    pub fn require_admin(&self, as_user: &PersonId) -> ApiResult<()> {
        if self.user(as_user).role.is_admin() {
            Ok(())
        } else {
            Err(Failure::new(ErrorCode::NotAdmin, "Only admins of the company account can do this."))
        }
    }

    pub(crate) fn private_by_other(&self, as_user: &PersonId) -> Option<Failure> {
        let install = self.install(as_user)?;
        (install.visibility == Visibility::Private && install.installed_by != *as_user).then(|| {
            let person = self.user(&install.installed_by).person.clone();
            Failure::new(
                ErrorCode::InstalledPrivatelyByOtherAdmin,
                "Another admin installed the integration privately.",
            )
            .with(|d| d.person = Some(person))
        })
    }

    pub fn page_health(&self, page_id: &PageId) -> PageHealth {
        let Some(page) = self.page(page_id) else { return PageHealth::AppRemoved };
        let missing = self.missing_permissions();
        if let Some(r) = &page.restriction {
            PageHealth::Restricted(contract::Restriction {
                appeal_url: self.answer_url(r.appeal_url.clone()),
                ..r.clone()
            })
        } else if page.token_expired {
            PageHealth::TokenExpired
        } else if page.app_removed {
            PageHealth::AppRemoved
        } else if !missing.is_empty() {
            PageHealth::PermissionsMissing { missing }
        } else {
            PageHealth::Healthy
        }
    }

    pub fn missing_permissions(&self) -> Vec<Permission> {
        Permission::required().into_iter().filter(|p| !self.fb_grants.contains(p)).collect()
    }

    /// The install as `as_user` sees it: whether they may manage it depends on who they are.
    pub fn installation(&self, as_user: &PersonId, install: &Install) -> Installation {
        let me = self.user(as_user);
        Installation {
            installed_by: self.user(&install.installed_by).person.clone(),
            installed_at: install.installed_at,
            visibility: install.visibility,
            granted_permissions: self.fb_grants.iter().cloned().collect(),
            pages: install
                .page_ids
                .iter()
                .filter_map(|id| self.page(id))
                .map(|p| ConnectedPage {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    health: self.page_health(&p.id),
                    settings_url: self.answer_url(p.settings_url()),
                    // The index keeps it as messages come: a dropped webhook subscription stops it.
                    last_message_at: self.inbox.last_inbound(&p.id),
                })
                .collect(),
            can_manage: me.role.is_admin() || install.installed_by == me.person.id,
            server_time: Some(self.now()),
        }
    }

    pub fn integration_state(&self, as_user: &PersonId) -> IntegrationState {
        match self.install(as_user) {
            None => IntegrationState::NotInstalled,
            Some(i) if i.visibility == Visibility::Private && i.installed_by != *as_user => {
                IntegrationState::InstalledPrivatelyByOtherAdmin {
                    installed_by: self.user(&i.installed_by).person.clone(),
                    installed_at: i.installed_at,
                }
            }
            Some(i) => IntegrationState::Installed(self.installation(as_user, i)),
        }
    }

    pub(crate) fn visible_install_index(&self, as_user: &PersonId) -> ApiResult<usize> {
        if let Some(f) = self.private_by_other(as_user) {
            return Err(f);
        }
        let company = self.user(as_user).company.clone();
        self.installs
            .iter()
            .position(|i| i.company == company)
            .ok_or_else(|| Failure::new(ErrorCode::NotInstalled, "The integration is not installed."))
    }

    pub fn set_visibility(&mut self, as_user: &PersonId, visibility: Visibility) -> ApiResult<Installation> {
        let index = self.visible_install_index(as_user)?;
        if !self.installation(as_user, &self.installs[index]).can_manage {
            return Err(Failure::new(ErrorCode::NotAdmin, "Only admins and the installer can change visibility."));
        }
        if visibility == Visibility::Unknown {
            return Err(Failure::new(ErrorCode::InvalidRequest, "Visibility must be private or shared."));
        }
        self.installs[index].visibility = visibility;
        self.push_event(contract::UpdateEvent::Integration);
        Ok(self.installation(as_user, &self.installs[index]))
    }

    pub fn uninstall(&mut self, as_user: &PersonId) -> ApiResult<()> {
        let index = self.visible_install_index(as_user)?;
        if !self.installation(as_user, &self.installs[index]).can_manage {
            return Err(Failure::new(ErrorCode::NotAdmin, "Only admins and the installer can uninstall."));
        }
        let install = self.installs.remove(index);
        for id in install.page_ids {
            if let Some(page) = self.page_mut(&id) {
                page.connected_to = None;
                page.webhook_subscribed = false;
            }
        }
        self.push_event(contract::UpdateEvent::Integration);
        Ok(())
    }

    /// Disconnects one Page and keeps the others. The last one is not disconnected: that is
    /// an uninstall, which says what stops working.
    pub fn disconnect_page(&mut self, as_user: &PersonId, page_id: &PageId) -> ApiResult<Installation> {
        let index = self.visible_install_index(as_user)?;
        if !self.installation(as_user, &self.installs[index]).can_manage {
            return Err(Failure::new(ErrorCode::NotAdmin, "Only admins and the installer can disconnect a Page."));
        }
        let install = &mut self.installs[index];
        let Some(at) = install.page_ids.iter().position(|id| id == page_id) else {
            return Err(Failure::new(ErrorCode::NotFound, "That Page is not connected."));
        };
        if install.page_ids.len() == 1 {
            return Err(Failure::new(
                ErrorCode::InvalidRequest,
                "The last Page cannot be disconnected: uninstall instead.",
            ));
        }
        install.page_ids.remove(at);
        if let Some(page) = self.page_mut(page_id) {
            page.connected_to = None;
            page.webhook_subscribed = false;
        }
        self.push_event(contract::UpdateEvent::Integration);
        Ok(self.installation(as_user, &self.installs[index]))
    }
}

#[cfg(test)]
mod tests {
    use contract::{EpochMs, IntegrationState, PersonId, SendMessageRequest};

    use crate::clock::HOUR_MS;
    use crate::messaging::Sent;
    use crate::world::{Conversation, HARUTO, PAGE_OFFICIAL, PAGE_OUTLET};
    use crate::{Scenario, World};

    /// Each connected Page's `last_message_at`, as `GET /api/integrations/facebook` says.
    fn said(world: &World) -> Vec<(String, Option<EpochMs>)> {
        let IntegrationState::Installed(install) = world.integration_state(&PersonId::new(HARUTO)) else {
            panic!("installed")
        };
        install.pages.into_iter().map(|p| (p.id.to_string(), p.last_message_at)).collect()
    }

    fn said_of(world: &World, page: &str) -> Option<EpochMs> {
        said(world).into_iter().find(|(id, _)| id == page).expect("connected").1
    }

    /// What it means: the newest customer message of the Page's conversations, by looking.
    fn by_looking(world: &World, page: &str) -> Option<EpochMs> {
        world.conversations.iter().filter(|c| c.page_id == page).filter_map(|c| c.last_inbound_at()).max()
    }

    #[test]
    fn each_pages_last_message_follows_its_customers_messages_and_not_the_replies() {
        let mut world = Scenario::InstalledTwoPages.world();
        world.add_customers(300, 4).unwrap();
        let agrees = |world: &World| {
            let pages = said(world);
            assert_eq!(pages.len(), 2);
            for (page, at) in pages {
                assert_eq!(at, by_looking(world, &page), "{page}");
            }
        };
        agrees(&world);

        // A customer of the Official Page writes: its time moves to it, the Outlet's stays
        // (the Outlet is restricted from sending, so the reply below goes out on the other).
        world.clock.advance(HOUR_MS);
        let outlet = said_of(&world, PAGE_OUTLET);
        let answerable =
            |c: &&Conversation| c.page_id == PAGE_OFFICIAL && c.owner_app.is_none() && c.unreachable.is_none();
        let id = world.conversations.iter().find(answerable).unwrap().id.clone();
        let message = world.inbound(id.as_str(), "Any news?", Vec::new()).unwrap();
        assert_eq!(said_of(&world, PAGE_OFFICIAL), Some(message.created_at));
        assert_eq!(said_of(&world, PAGE_OUTLET), outlet);
        agrees(&world);

        // An agent answers later: a reply is not the customer's, and moves nothing.
        world.clock.advance(HOUR_MS);
        let reply = SendMessageRequest { client_message_id: "c-1".into(), text: "Yes".into(), attachment_ids: vec![] };
        let sent = world.send(&PersonId::new(HARUTO), &id, reply);
        assert!(matches!(sent, Ok(Sent::New(_))), "sent: {:?}", sent.err());
        let c = world.conversations.iter().find(|c| c.id == id).unwrap();
        assert!(c.messages.last().unwrap().created_at > message.created_at, "the reply is newer");
        assert_eq!(said_of(&world, PAGE_OFFICIAL), Some(message.created_at));
        agrees(&world);
    }
}
