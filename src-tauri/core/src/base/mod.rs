//! La base locale : un seul fichier SQLite, WAL, clés étrangères actives, migrations numérotées.
//!
//! Ouvrir un fichier existant passe d'abord par une lecture seule : un fichier qui n'est pas
//! SQLite, une base d'une autre application ou d'une version plus récente est refusé sans
//! qu'un seul octet ne change. Avant toute migration, une copie part dans `sauvegardes/`.

mod ligne;
mod migrations;
mod usages;

pub use ligne::{colonnes_de, toutes, une, Ligne};
pub use migrations::{migrer_jusqua, VERSION_SCHEMA};
pub use usages::{liens_vers, usages_de, verifier_non_utilise};

use crate::{texte, Erreur, Resultat};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Signature inscrite dans l'en-tête SQLite (`PRAGMA application_id`) : « PSRL ».
pub const APPLICATION_ID: i64 = 0x5053_524C;

/// Une base ouverte et à jour.
pub struct Base {
    pub conn: Connection,
    pub chemin: PathBuf,
    /// Copie prise avant migration, s'il y en a eu une à cette ouverture.
    pub sauvegarde: Option<PathBuf>,
}

/// Ce qu'on lit d'un fichier sans l'ouvrir en écriture.
#[derive(Debug, PartialEq)]
enum Etat {
    Nouveau,
    Passerelle { version: i64 },
}

/// Ouvre (ou crée) la base, la vérifie puis la migre à la version de ce programme.
pub fn ouvrir(chemin: &Path) -> Resultat<Base> {
    let etat = examiner(chemin)?;
    let sauvegarde = match etat {
        Etat::Passerelle { version } if version < VERSION_SCHEMA => {
            Some(sauvegarder(chemin, version)?)
        }
        _ => None,
    };
    if let Some(dossier) = chemin.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dossier)?;
    }
    let conn = Connection::open(chemin)?;
    configurer(&conn)?;
    if etat == Etat::Nouveau {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    migrer_jusqua(&conn, VERSION_SCHEMA)?;
    crate::journal::armer(&conn)?;
    Ok(Base {
        conn,
        chemin: chemin.to_path_buf(),
        sauvegarde,
    })
}

/// Crée une base vide et migrée, le choix d'accueil déjà fait (base vide : la fenêtre ne le
/// demande pas). Refuse un fichier qui existe et n'est pas vide, sans y toucher.
pub fn nouvelle(chemin: &Path) -> Resultat<Base> {
    if std::fs::metadata(chemin).is_ok_and(|m| m.len() > 0) {
        return Err(Erreur::validation(
            "db",
            format!(
                "Le fichier «\u{a0}{}\u{a0}» existe déjà : Passerelle ne l'écrase pas. Choisissez un nouveau nom.",
                chemin.display()
            ),
        ));
    }
    let b = ouvrir(chemin)?;
    crate::parametres::choisir_accueil(&b.conn, false)?;
    Ok(b)
}

/// Seconde connexion à une base déjà ouverte (et migrée) par ce programme, pour un travail de
/// fond : ni création ni migration, mêmes réglages. Refuse un fichier qui n'est pas une base
/// Passerelle à jour.
pub fn connexion_de_travail(chemin: &Path) -> Resultat<Connection> {
    if !chemin.exists() {
        return Err(Erreur::Introuvable(format!(
            "Le fichier «\u{a0}{}\u{a0}» n'existe pas.",
            chemin.display()
        )));
    }
    match examiner(chemin)? {
        Etat::Passerelle { version } if version == VERSION_SCHEMA => {}
        Etat::Passerelle { version } => {
            return Err(Erreur::validation(
                "db",
                format!(
                    "La base «\u{a0}{}\u{a0}» est au schéma {version} : ouvrez-la d'abord dans Passerelle pour la mettre à jour.",
                    chemin.display()
                ),
            ))
        }
        Etat::Nouveau => return Err(Erreur::BaseEtrangere(chemin.display().to_string())),
    }
    // Sans SQLITE_OPEN_CREATE : un fichier disparu entre-temps n'est pas recréé vide.
    let drapeaux = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(chemin, drapeaux)?;
    configurer(&conn)?;
    crate::journal::armer(&conn)?;
    Ok(conn)
}

/// Base en mémoire, à jour : pour les tests et les mesures.
pub fn en_memoire() -> Resultat<Connection> {
    let conn = Connection::open_in_memory()?;
    configurer(&conn)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    migrer_jusqua(&conn, VERSION_SCHEMA)?;
    crate::journal::armer(&conn)?;
    Ok(conn)
}

/// Réglages de chaque connexion : WAL, clés étrangères, attente si la base est occupée,
/// et la fonction `normaliser` pour la recherche sans accents.
pub fn configurer(conn: &Connection) -> Resultat<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // FULL : chaque validation est sur le disque, même après une coupure de courant. Mesuré par
    // bench-durabilite : un enregistrement passe de 0,05 à 0,5 ms (p95 3 ms), un import ne
    // change pas (une seule validation).
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Fichiers temporaires en mémoire : chaque écriture qui déclenche une note du journal ouvre un
    // journal d'instruction (annulation de cette seule instruction) ; sur disque, il coûtait
    // 5 s à un import de 100 000 actions (bench-ipe, profil perf : subjournalPageIfRequired).
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // 64 Mo de cache (2 Mo par défaut) : les pages d'un gros import restent en mémoire jusqu'à la
    // validation au lieu d'être relues du disque (bench-ipe).
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.create_scalar_function(
        "normaliser",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let v: Option<String> = ctx.get(0)?;
            Ok(v.map(|s| texte::normaliser(&s)))
        },
    )?;
    declarer_uid(conn)
}

/// `passerelle_uid()` : un identifiant global neuf (UUIDv7 : ordonné dans le temps, donc des
/// index compacts), pour les fiches qui voyagent dans les paquets de consolidation.
pub fn declarer_uid(conn: &Connection) -> Resultat<()> {
    conn.create_scalar_function("passerelle_uid", 0, FunctionFlags::SQLITE_UTF8, |_| {
        Ok(uuid::Uuid::now_v7().to_string())
    })?;
    Ok(())
}

fn examiner(chemin: &Path) -> Resultat<Etat> {
    let nom = chemin.display().to_string();
    let taille = match std::fs::metadata(chemin) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Etat::Nouveau),
        Err(e) => return Err(e.into()),
    };
    if taille == 0 {
        return Ok(Etat::Nouveau);
    }
    // L'en-tête est lu par SQLite, jamais par un `File` à nous : fermer un descripteur du
    // fichier lâche tous les verrous POSIX que ce programme y tient. La connexion déjà ouverte
    // sur la base (la fenêtre, quand une connexion de travail s'ouvre) perdrait le sien, et un
    // autre programme qui la lit supprimerait son WAL en partant : ce qui s'y écrit ensuite serait
    // perdu à un arrêt brutal. SQLite, lui, garde ses descripteurs tant que ses verrous servent.
    let ro = Connection::open_with_flags(chemin, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| Erreur::PasSqlite(nom.clone()))?;
    let lire = |pragma: &str| -> Resultat<i64> {
        ro.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
            .map_err(|_| Erreur::PasSqlite(nom.clone()))
    };
    let id = lire("application_id")?;
    let version = lire("user_version")?;
    let objets: i64 = ro
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|_| Erreur::PasSqlite(nom.clone()))?;
    match (id, objets) {
        (APPLICATION_ID, _) if version > VERSION_SCHEMA => Err(Erreur::BaseTropRecente {
            chemin: nom,
            version,
            connu: VERSION_SCHEMA,
        }),
        (APPLICATION_ID, _) => Ok(Etat::Passerelle { version }),
        (0, 0) => Ok(Etat::Nouveau),
        _ => Err(Erreur::BaseEtrangere(nom)),
    }
}

/// Copie cohérente (WAL compris) dans `sauvegardes/` à côté du fichier, avant migration ; elle
/// porte le nom des autres sauvegardes (« … (avant migration).sqlite ») et se restaure comme elles.
fn sauvegarder(chemin: &Path, _version: i64) -> Resultat<PathBuf> {
    let dossier = crate::sauvegardes::dossier_par_defaut(chemin);
    std::fs::create_dir_all(&dossier)?;
    let cible = crate::sauvegardes::nom_libre(
        &dossier,
        chemin,
        chrono::Local::now().naive_local(),
        crate::sauvegardes::Raison::AvantMigration,
    );
    let ro = Connection::open_with_flags(chemin, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    ro.execute("VACUUM INTO ?1", [cible.to_string_lossy()])?;
    Ok(cible)
}

/// Copie cohérente de la base ouverte (« Enregistrer une copie… ») : `VACUUM INTO` un nom
/// temporaire dans le dossier de destination, copie contrôlée (intégrité, signature), puis
/// renommée sur `destination`. Refuse de remplacer le fichier de la base elle-même.
pub fn copier_vers(conn: &Connection, destination: &Path) -> Resultat<()> {
    if est_le_fichier_de(conn, destination) {
        return Err(Erreur::validation(
            "destination",
            "La copie ne peut pas remplacer la base ouverte elle-même : choisissez un autre nom.",
        ));
    }
    let dossier = destination
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Nom temporaire effacé s'il reste (échec, arrêt) ; fichier vide, que VACUUM INTO accepte.
    let temporaire = tempfile::Builder::new()
        .prefix(".passerelle-copie-")
        .suffix(".sqlite")
        .tempfile_in(dossier)?
        .into_temp_path();
    conn.execute("VACUUM INTO ?1", [temporaire.to_string_lossy()])?;
    controler_copie(&temporaire)?;
    temporaire.persist(destination).map_err(|e| e.error)?;
    Ok(())
}

/// `destination` désigne-t-il le fichier de la base ouverte (chemins comparés une fois résolus) ?
fn est_le_fichier_de(conn: &Connection, destination: &Path) -> bool {
    conn.path()
        .filter(|p| !p.is_empty())
        .is_some_and(|propre| crate::fichiers::meme_fichier(Path::new(propre), destination))
}

/// Version du schéma d'une base Passerelle existante, lue sans rien écrire ; tout autre fichier
/// (pas SQLite, autre application, version plus récente, fichier vide) est refusé.
pub fn version_du_fichier(chemin: &Path) -> Resultat<i64> {
    match examiner(chemin)? {
        Etat::Passerelle { version } => Ok(version),
        Etat::Nouveau => Err(Erreur::BaseEtrangere(chemin.display().to_string())),
    }
}

/// La copie s'ouvre, est intègre et porte la signature de Passerelle.
fn controler_copie(chemin: &Path) -> Resultat<()> {
    let ro = Connection::open_with_flags(chemin, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let integrite: String = ro.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let id: i64 = ro.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if integrite != "ok" || id != APPLICATION_ID {
        return Err(Erreur::Fichier(std::io::Error::other(
            "la copie n'a pas passé le contrôle d'intégrité : elle n'a pas été gardée.",
        )));
    }
    Ok(())
}

/// Contrôle d'intégrité et de schéma, pour `passerelle verifier`.
pub fn verifier(conn: &Connection) -> Resultat<Vec<String>> {
    let mut problemes = Vec::new();
    let mut st = conn.prepare("PRAGMA integrity_check")?;
    for ligne in st.query_map([], |r| r.get::<_, String>(0))? {
        let ligne = ligne?;
        if ligne != "ok" {
            problemes.push(format!("Intégrité : {ligne}"));
        }
    }
    let mut st = conn.prepare("PRAGMA foreign_key_check")?;
    for ligne in st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (table, id, parent) = ligne?;
        problemes.push(format!(
            "Référence rompue : {table} n° {} cite un enregistrement absent de {parent}",
            id.map(|i| i.to_string()).unwrap_or_default()
        ));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != VERSION_SCHEMA {
        problemes.push(format!(
            "Schéma en version {version}, attendu {VERSION_SCHEMA}"
        ));
    }
    Ok(problemes)
}

pub fn version(conn: &Connection) -> Resultat<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Fichier par défaut : le dossier de données de l'application pour l'identifiant
/// `fr.passerelle.app` (le même que celui que Tauri donne à la fenêtre).
pub fn chemin_par_defaut() -> PathBuf {
    let env = |v: &str| {
        std::env::var_os(v)
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
    };
    let dossier = if cfg!(windows) {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local/share")))
    };
    dossier
        .unwrap_or_else(|| PathBuf::from("."))
        .join("fr.passerelle.app")
        .join("passerelle.sqlite")
}

/// Le fichier à ouvrir : `--db`, sinon `PASSERELLE_DB`, sinon le fichier par défaut.
pub fn chemin_choisi(option_db: Option<PathBuf>) -> PathBuf {
    option_db
        .or_else(|| {
            std::env::var_os("PASSERELLE_DB")
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(chemin_par_defaut)
}

/// Contrôle en lecture seule d'un fichier existant, pour `passerelle verifier` : rien n'est écrit,
/// pas même une migration. Rend la version du schéma et les problèmes trouvés.
pub fn verifier_fichier(chemin: &Path) -> Resultat<(i64, Vec<String>)> {
    if !chemin.exists() {
        return Err(Erreur::Introuvable(format!(
            "Le fichier « {} » n'existe pas.",
            chemin.display()
        )));
    }
    let version = match examiner(chemin)? {
        Etat::Passerelle { version } => version,
        Etat::Nouveau => return Err(Erreur::BaseEtrangere(chemin.display().to_string())),
    };
    let ro = Connection::open_with_flags(chemin, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut problemes = verifier(&ro)?;
    if version < VERSION_SCHEMA {
        problemes.retain(|p| !p.starts_with("Schéma"));
        problemes.push(format!(
            "Schéma en version {version} : il sera migré en version {VERSION_SCHEMA} (après sauvegarde) à la prochaine ouverture."
        ));
    }
    Ok((version, problemes))
}

/// Un nom de table ou de colonne entre guillemets, pour le SQL formé depuis le schéma (jamais
/// depuis une saisie).
pub fn ident(nom: &str) -> String {
    format!("\"{}\"", nom.replace('"', "\"\""))
}

/// Un point tout-ou-rien. Au premier niveau, c'est une transaction qui prend d'emblée le droit
/// d'écrire (`BEGIN IMMEDIATE`) : si une autre connexion écrit (la fenêtre pendant un import en
/// ligne de commande), SQLite attend qu'elle finisse (`busy_timeout`) ; une transaction ouverte
/// en lecture qui voudrait ensuite écrire échouerait aussitôt. Imbriqué, c'est un point de
/// sauvegarde de la transaction en cours (chargement de la démonstration).
pub struct Point<'c> {
    conn: &'c Connection,
    nom: &'static str,
    premier: bool,
}

impl<'c> Point<'c> {
    pub fn ouvrir(conn: &'c Connection, nom: &'static str) -> Resultat<Point<'c>> {
        let premier = conn.is_autocommit();
        conn.execute_batch(&if premier {
            "BEGIN IMMEDIATE".to_string()
        } else {
            format!("SAVEPOINT {nom}")
        })?;
        Ok(Point { conn, nom, premier })
    }

    pub fn valider(self) -> Resultat<()> {
        self.conn.execute_batch(&if self.premier {
            "COMMIT".to_string()
        } else {
            format!("RELEASE {}", self.nom)
        })?;
        Ok(())
    }

    pub fn annuler(self) -> Resultat<()> {
        self.conn.execute_batch(&if self.premier {
            "ROLLBACK".to_string()
        } else {
            format!("ROLLBACK TO {0}; RELEASE {0}", self.nom)
        })?;
        Ok(())
    }
}

/// Exécute `f` tout-ou-rien (voir `Point`).
pub fn atomique<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Resultat<T>) -> Resultat<T> {
    let point = Point::ouvrir(conn, "atomique")?;
    match f(conn) {
        Ok(v) => {
            point.valider()?;
            Ok(v)
        }
        Err(e) => {
            point.annuler()?;
            Err(e)
        }
    }
}
