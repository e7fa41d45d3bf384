//! `post add|edit|list`: the frontline posts (SPEC §9).

use anyhow::{Result, bail};

use super::{Globals, clerk, emit_report, open_for_report};
use crate::cli::{PostAddArgs, PostCommand, PostEditArgs, PostListArgs};
use crate::output::say;
use crate::person::validate_name;
use crate::post::{Post, PostEvent, PostOp, clean_text};
use crate::report::frontline::services;
use crate::report::posts::PostList;
use crate::store::Store;
use crate::store::journal::WriteKind;
use crate::store::new_entry_id;
use crate::store::posts::stage;
use crate::store::tx::Tx;
use crate::{Status, t};

pub fn run(g: &Globals, cmd: PostCommand) -> Result<Status> {
    match cmd {
        PostCommand::Add(args) => add(g, args),
        PostCommand::Edit(args) => edit(g, args),
        PostCommand::List(args) => list(g, args),
    }
}

fn add(g: &Globals, args: PostAddArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, None);
    let name = post_name(&args.name)?;
    let community = clean_text(&t!("field-community"), args.community.as_deref())?;
    let contact = clean_text(&t!("field-contact"), args.contact.as_deref())?;
    let phone = clean_text(&t!("field-phone"), args.phone.as_deref())?;
    let tx = store.begin(WriteKind::Post, &by)?;
    let posts = store.posts()?;
    if let Some(p) = posts.by_name(&name) {
        bail!(t!(
            "post-exists",
            name = name.as_str(),
            id = p.id.as_str(),
            existing = p.name.as_str()
        ));
    }
    let post = Post {
        id: posts.next_id(),
        name,
        community,
        contact,
        phone,
        aliases: Vec::new(),
    };
    commit_post(&store, tx, PostOp::Add, &post, &by)?;
    say(t!(
        "post-added",
        id = post.id.as_str(),
        name = post.name.as_str()
    ))?;
    Ok(Status::Done)
}

fn edit(g: &Globals, args: PostEditArgs) -> Result<Status> {
    let store = g.open()?;
    let by = clerk(&store, None);
    let name = args.name.as_deref().map(post_name).transpose()?;
    // "" clears a detail: Some(None).
    let community = args
        .community
        .as_deref()
        .map(|t| clean_text(&t!("field-community"), Some(t)))
        .transpose()?;
    let contact = args
        .contact
        .as_deref()
        .map(|t| clean_text(&t!("field-contact"), Some(t)))
        .transpose()?;
    let phone = args
        .phone
        .as_deref()
        .map(|t| clean_text(&t!("field-phone"), Some(t)))
        .transpose()?;
    let tx = store.begin(WriteKind::Post, &by)?;
    let posts = store.posts()?;
    let old = posts.find(&args.post)?;
    let mut post = old.clone();
    if let Some(name) = name {
        if let Some(other) = posts.by_name(&name).filter(|p| p.id != old.id) {
            bail!(t!(
                "post-name-taken",
                name = name.as_str(),
                id = other.id.as_str(),
                existing = other.name.as_str()
            ));
        }
        if name != post.name {
            let former = std::mem::replace(&mut post.name, name);
            if !post.aliases.contains(&former) {
                post.aliases.push(former);
            }
        }
    }
    if let Some(c) = community {
        post.community = c;
    }
    if let Some(c) = contact {
        post.contact = c;
    }
    if let Some(p) = phone {
        post.phone = p;
    }
    if post == *old {
        bail!(t!(
            "post-nothing-to-change",
            id = old.id.as_str(),
            name = old.name.as_str()
        ));
    }
    commit_post(&store, tx, PostOp::Edit, &post, &by)?;
    say(t!(
        "post-changed",
        id = post.id.as_str(),
        name = post.name.as_str()
    ))?;
    Ok(Status::Done)
}

/// Writes one post event as the whole write.
fn commit_post(store: &Store, mut tx: Tx<'_>, op: PostOp, post: &Post, by: &str) -> Result<()> {
    let now = store.now()?;
    let event = PostEvent {
        id: new_entry_id(now),
        op,
        post: Some(post.clone()),
        at: now,
        by: by.to_string(),
    };
    stage(&mut tx, &[event])?;
    tx.commit()
}

fn list(g: &Globals, args: PostListArgs) -> Result<Status> {
    let (store, roster) = open_for_report(g)?;
    let posts = store.posts()?;
    let served = services(&store, None, store.today()?)?;
    // Only people on the roster count, as in the ledger.
    let served: Vec<_> = served
        .into_iter()
        .filter(|s| roster.get(&s.person).is_some())
        .collect();
    let report = PostList::new(&store.config.org, &posts, &served);
    emit_report(&store, g.lang(&store), &args.out, &report)?;
    Ok(Status::Done)
}

fn post_name(text: &str) -> Result<String> {
    let name = validate_name(text)?;
    clean_text(&t!("field-post-name"), Some(&name))?;
    Ok(name)
}
