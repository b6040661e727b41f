//! The files installers carry beside the binaries: manual pages made from
//! the clap definitions and shell completions. `make dist` writes them
//! with the hidden `studio dist-files DIR`, so they never drift from the
//! options the commands really take.

use std::io;
use std::path::Path;

use clap::{Arg, Command, CommandFactory};
use clap_complete::Shell;

use crate::Cli;

/// The desktop app's command line, for its manual page. The app reads
/// these by hand (`src-tauri/lib.rs`); this is only their description.
fn app_command() -> Command {
    Command::new("creator-studio")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Creator Studio: drafts, schedules and syncs posts for Alipay life accounts")
        .long_about(
            "Creator Studio is a desktop studio for creators and merchants on Alipay's content \
             ecosystem: it drafts image-text and video posts, schedules posts and livestream \
             announcements, keeps the life account profile, and syncs with the platform. \
             Everything is kept in a local SQLite library that works offline. With no account \
             set up it works against a built-in emulator of the platform.\n\n\
             A second start of the app on the default library brings the running window to the \
             front and imports the files it was given into the media library.",
        )
        .arg(
            Arg::new("data-dir")
                .long("data-dir")
                .value_name("DIR")
                .help("Library folder (default: $XDG_DATA_HOME/com.creatorstudio.desktop, shared with studio)"),
        )
        .arg(
            Arg::new("files")
                .value_name("FILE")
                .num_args(0..)
                .help("Photos or videos to import into the media library"),
        )
        .after_help("See also studio(1), the same library from a terminal.")
}

/// Writes the manual pages as plain roff in `DIR/man1/NAME.1` (the
/// packager compresses them) and the completions in
/// `DIR/completions/{bash/studio,zsh/_studio,fish/studio.fish}`.
pub(crate) fn write(dir: &Path) -> io::Result<()> {
    let man = dir.join("man1");
    std::fs::create_dir_all(&man)?;
    for mut command in [Cli::command(), app_command()] {
        // Building names every subcommand page `studio-drafts-create` and
        // its synopsis `studio drafts create`.
        command.build();
        write_pages(&command, &man)?;
    }
    let completions = dir.join("completions");
    for (shell, file) in [(Shell::Bash, "bash/studio"), (Shell::Zsh, "zsh/_studio"), (Shell::Fish, "fish/studio.fish")]
    {
        let path = completions.join(file);
        std::fs::create_dir_all(path.parent().expect("has a folder"))?;
        let mut out = std::fs::File::create(&path)?;
        clap_complete::generate(shell, &mut Cli::command(), "studio", &mut out);
    }
    Ok(())
}

/// One page for the command and one per visible subcommand.
fn write_pages(command: &Command, dir: &Path) -> io::Result<()> {
    let name = command.get_display_name().unwrap_or(command.get_name());
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    std::fs::write(dir.join(format!("{name}.1")), page)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        write_pages(sub, dir)?;
    }
    Ok(())
}
