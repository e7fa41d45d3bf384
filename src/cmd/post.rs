//! `post add|edit|list`: the frontline posts (SPEC §9).

use anyhow::{Result, bail};

use super::{Globals, clerk, emit_report, open_for_report};
use crate::Status;
use crate::cli::{PostAddArgs, PostCommand, PostEditArgs, PostListArgs};
use crate::output::say;
use crate::person::validate_name;
use crate::post::{Post, PostEvent, PostOp, clean_text};
use crate::report::frontline::services;
use crate::report::posts::PostList;
use crate::store::journal::WriteKind;
use crate::store::new_entry_id;
use crate::store::posts::stage;

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
    let community = clean_text("community", args.community.as_deref())?;
    let contact = clean_text("contact", args.contact.as_deref())?;
    let phone = clean_text("phone", args.phone.as_deref())?;
    let mut tx = store.begin(WriteKind::Post, &by)?;
    let posts = store.posts()?;
    if let Some(p) = posts.by_name(&name) {
        bail!(
            "post '{name}' is already registered as {} {}; change it with `healthreport post edit {}`",
            p.id,
            p.name,
            p.id
        );
    }
    let post = Post {
        id: posts.next_id(),
        name,
        community,
        contact,
        phone,
        aliases: Vec::new(),
    };
    let now = store.now()?;
    let event = PostEvent {
        id: new_entry_id(now),
        op: PostOp::Add,
        post: Some(post.clone()),
        at: now,
        by: by.clone(),
    };
    stage(&mut tx, &[event])?;
    tx.commit()?;
    say(format_args!("added post {} {}", post.id, post.name))?;
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
        .map(|t| clean_text("community", Some(t)))
        .transpose()?;
    let contact = args
        .contact
        .as_deref()
        .map(|t| clean_text("contact", Some(t)))
        .transpose()?;
    let phone = args
        .phone
        .as_deref()
        .map(|t| clean_text("phone", Some(t)))
        .transpose()?;
    let mut tx = store.begin(WriteKind::Post, &by)?;
    let posts = store.posts()?;
    let old = posts.find(&args.post)?;
    let mut post = old.clone();
    if let Some(name) = name {
        if let Some(other) = posts.by_name(&name).filter(|p| p.id != old.id) {
            bail!(
                "another post is named '{name}': {} {}; choose another name",
                other.id,
                other.name
            );
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
        bail!(
            "nothing to change for post {} {}: give --name, --community, --contact or --phone with a new value",
            old.id,
            old.name
        );
    }
    let now = store.now()?;
    let event = PostEvent {
        id: new_entry_id(now),
        op: PostOp::Edit,
        post: Some(post.clone()),
        at: now,
        by: by.clone(),
    };
    stage(&mut tx, &[event])?;
    tx.commit()?;
    say(format_args!("changed post {} {}", post.id, post.name))?;
    Ok(Status::Done)
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
    clean_text("post name", Some(&name))?;
    Ok(name)
}
