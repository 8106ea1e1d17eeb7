//! La base locale : création, migrations, sauvegarde, refus des fichiers étrangers ou trop récents.

use passerelle_core::base::{self, APPLICATION_ID, VERSION_SCHEMA};
use passerelle_core::{annuaire, parametres, Erreur};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

fn copie_fixture_v1(dossier: &Path) -> PathBuf {
    let cible = dossier.join("ancienne.sqlite");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/passerelle-v1.sqlite"
        ),
        &cible,
    )
    .unwrap();
    cible
}

#[test]
fn nouvelle_base_wal_cles_etrangeres_et_derniere_version() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("sous/dossier/p.sqlite");
    let b = base::ouvrir(&chemin).unwrap();
    assert!(b.sauvegarde.is_none());
    let mode: String = b
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = b
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    assert_eq!(base::version(&b.conn).unwrap(), VERSION_SCHEMA);
    let id: i64 = b
        .conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
    assert!(parametres::accueil_requis(&b.conn).unwrap());
    assert_eq!(annuaire::academies::lister(&b.conn).unwrap().len(), 30);
}

#[test]
fn fichier_vide_de_zero_octet_devient_une_base() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("vide.sqlite");
    std::fs::write(&chemin, b"").unwrap();
    let b = base::ouvrir(&chemin).unwrap();
    assert_eq!(base::version(&b.conn).unwrap(), VERSION_SCHEMA);
}

#[test]
fn migration_depuis_la_fixture_v1_avec_sauvegarde() {
    let d = tempfile::tempdir().unwrap();
    let chemin = copie_fixture_v1(d.path());
    let avant = std::fs::read(&chemin).unwrap();
    let b = base::ouvrir(&chemin).unwrap();
    assert_eq!(base::version(&b.conn).unwrap(), VERSION_SCHEMA);
    // Les données d'avant sont là, et la base n'affiche pas l'accueil.
    let e = annuaire::etablissements::trouver_uai(&b.conn, "0750654D").unwrap();
    assert_eq!(e.nom, "Lycée de la fixture v1");
    assert_eq!(e.bassin.as_deref(), Some("Lens-Liévin"));
    let filtre = annuaire::etablissements::FiltreEtablissements {
        liste: passerelle_core::liste::ParametresListe {
            recherche: "lycee FIXTURE".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(
        annuaire::etablissements::lister(&b.conn, &filtre)
            .unwrap()
            .total,
        1
    );
    assert!(!parametres::accueil_requis(&b.conn).unwrap());
    // La sauvegarde est une copie de la version 1, dans sauvegardes/ à côté du fichier.
    let copie = b
        .sauvegarde
        .clone()
        .expect("une sauvegarde avant migration");
    assert_eq!(copie.parent().unwrap(), d.path().join("sauvegardes"));
    let c = Connection::open(&copie).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    let n: i64 = c
        .query_row("SELECT count(*) FROM personne", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    assert_ne!(
        std::fs::read(&chemin).unwrap(),
        avant,
        "le fichier d'origine a bien été migré"
    );
    drop(b);
    // Une deuxième ouverture ne migre plus et ne sauvegarde plus.
    let b2 = base::ouvrir(&chemin).unwrap();
    assert!(b2.sauvegarde.is_none());
}

fn assert_intact(chemin: &Path, avant: &[u8]) {
    assert_eq!(
        std::fs::read(chemin).unwrap(),
        avant,
        "le fichier a été modifié"
    );
    let voisins: Vec<_> = std::fs::read_dir(chemin.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        voisins.len(),
        1,
        "des fichiers ont été créés à côté : {voisins:?}"
    );
}

#[test]
fn fichier_qui_n_est_pas_sqlite_refuse_et_intact() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("notes.sqlite");
    let contenu = "Compte rendu du CLEE, pas une base.\n"
        .repeat(50)
        .into_bytes();
    std::fs::write(&chemin, &contenu).unwrap();
    let e = base::ouvrir(&chemin).err().unwrap();
    assert!(matches!(e, Erreur::PasSqlite(_)), "{e}");
    assert!(e.to_string().contains("n'est pas une base SQLite"));
    assert_intact(&chemin, &contenu);
}

#[test]
fn base_sqlite_d_une_autre_application_refusee_et_intacte() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("autre.sqlite");
    {
        let c = Connection::open(&chemin).unwrap();
        c.execute_batch("CREATE TABLE facture (id INTEGER PRIMARY KEY, montant REAL); INSERT INTO facture VALUES (1, 12.5);").unwrap();
    }
    let avant = std::fs::read(&chemin).unwrap();
    let e = base::ouvrir(&chemin).err().unwrap();
    assert!(matches!(e, Erreur::BaseEtrangere(_)), "{e}");
    assert!(e.to_string().contains("n'a pas été créée par Passerelle"));
    assert_intact(&chemin, &avant);
}

#[test]
fn base_d_une_version_plus_recente_refusee_et_intacte() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("future.sqlite");
    {
        let b = base::ouvrir(&chemin).unwrap();
        b.conn
            .pragma_update(None, "user_version", VERSION_SCHEMA + 1)
            .unwrap();
        b.conn
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
    let avant = std::fs::read(&chemin).unwrap();
    let e = base::ouvrir(&chemin).err().unwrap();
    match &e {
        Erreur::BaseTropRecente { version, .. } => assert_eq!(*version, VERSION_SCHEMA + 1),
        autre => panic!("attendu BaseTropRecente, obtenu {autre}"),
    }
    assert!(e.to_string().contains("version plus récente"));
    assert_intact(&chemin, &avant);
}

#[test]
fn migration_qui_echoue_ne_laisse_rien_a_moitie() {
    // Une base v1 dont une donnée viole une contrainte ajoutée ne peut exister ici ; on vérifie
    // au moins que chaque migration est atomique : une erreur SQL laisse la version inchangée.
    let c = Connection::open_in_memory().unwrap();
    base::configurer(&c).unwrap();
    base::migrer_jusqua(&c, 1).unwrap();
    c.execute_batch("CREATE TABLE parametre (x INTEGER);")
        .unwrap(); // collision avec la migration 2
    assert!(base::migrer_jusqua(&c, 2).is_err());
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
}

#[test]
fn verifier_fichier_signale_la_version_sans_rien_ecrire() {
    let d = tempfile::tempdir().unwrap();
    let chemin = copie_fixture_v1(d.path());
    let avant = std::fs::read(&chemin).unwrap();
    let (version, problemes) = base::verifier_fichier(&chemin).unwrap();
    assert_eq!(version, 1);
    assert_eq!(problemes.len(), 1);
    assert!(problemes[0].contains("sera migré"), "{problemes:?}");
    assert_intact(&chemin, &avant);
}

/// Les fichiers d'un dossier, par nom.
fn noms(dossier: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dossier)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn nouvelle_base_vide_sans_accueil_et_jamais_sur_un_fichier_rempli() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("neuve.sqlite");
    let b = base::nouvelle(&chemin).unwrap();
    assert!(!parametres::accueil_requis(&b.conn).unwrap());
    assert_eq!(annuaire::compter(&b.conn).unwrap().personnes, 0);
    assert_eq!(base::version(&b.conn).unwrap(), VERSION_SCHEMA);
    drop(b);
    let avant = std::fs::read(&chemin).unwrap();
    let Err(Erreur::Validation(champs)) = base::nouvelle(&chemin) else {
        panic!("fichier existant écrasé")
    };
    assert_eq!(champs[0].champ, "db");
    assert!(champs[0].message.contains("existe déjà"));
    assert_eq!(std::fs::read(&chemin).unwrap(), avant);
}

#[test]
fn copie_coherente_de_la_base_ouverte() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("demo.sqlite");
    let b = passerelle_core::demo::creer_base(&chemin).unwrap();
    let comptes = annuaire::compter(&b.conn).unwrap();
    let copie = d.path().join("Copie de Passerelle.sqlite");
    std::fs::write(&copie, b"ancien contenu remplace par la copie").unwrap();
    base::copier_vers(&b.conn, &copie).unwrap();
    let c = base::ouvrir(&copie).unwrap();
    assert!(c.sauvegarde.is_none());
    assert_eq!(annuaire::compter(&c.conn).unwrap(), comptes);
    assert!(base::verifier(&c.conn).unwrap().is_empty());
    drop(c);
    // La base elle-même, sous son nom ou un autre chemin vers elle : refusé, rien ne change.
    let autre_chemin = d.path().join(".").join("demo.sqlite");
    for cible in [&chemin, &autre_chemin] {
        let e = base::copier_vers(&b.conn, cible).unwrap_err();
        assert!(e.to_string().contains("base ouverte elle-même"), "{e}");
    }
    assert_eq!(annuaire::compter(&b.conn).unwrap(), comptes);
    // Aucun fichier temporaire laissé dans le dossier.
    assert!(
        noms(d.path())
            .iter()
            .all(|n| !n.starts_with(".passerelle-copie")),
        "{:?}",
        noms(d.path())
    );
}

#[test]
fn connexion_de_travail_sur_la_meme_base() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("p.sqlite");
    let b = base::nouvelle(&chemin).unwrap();
    parametres::ecrire(&b.conn, "horizon_alerte", "12").unwrap();
    let travail = base::connexion_de_travail(&chemin).unwrap();
    assert_eq!(parametres::horizons(&travail).unwrap().alerte, 12);
    // Mêmes réglages : clés étrangères actives, fonction normaliser présente.
    let fk: i64 = travail
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let n: String = travail
        .query_row("SELECT normaliser('Élève')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, "eleve");
    // Ce que la connexion de travail écrit, la première le lit.
    parametres::ecrire(&travail, "horizon_alerte", "20").unwrap();
    assert_eq!(parametres::horizons(&b.conn).unwrap().alerte, 20);
}

#[test]
fn connexion_de_travail_refuse_ce_qui_n_est_pas_une_base_passerelle() {
    let d = tempfile::tempdir().unwrap();
    let etrangere = d.path().join("autre.sqlite");
    Connection::open(&etrangere)
        .unwrap()
        .execute_batch("CREATE TABLE notes (texte TEXT); INSERT INTO notes VALUES ('x')")
        .unwrap();
    let avant = std::fs::read(&etrangere).unwrap();
    let e = base::connexion_de_travail(&etrangere).unwrap_err();
    assert!(matches!(e, Erreur::BaseEtrangere(_)), "{e:?}");
    assert_eq!(std::fs::read(&etrangere).unwrap(), avant);
    // Fichier absent : pas créé.
    let absent = d.path().join("absent.sqlite");
    assert!(matches!(
        base::connexion_de_travail(&absent),
        Err(Erreur::Introuvable(_))
    ));
    assert!(!absent.exists());
    // Fichier vide : ce n'est pas une base déjà ouverte par Passerelle.
    let vide = d.path().join("vide.sqlite");
    std::fs::write(&vide, b"").unwrap();
    assert!(base::connexion_de_travail(&vide).is_err());
    assert_eq!(std::fs::metadata(&vide).unwrap().len(), 0);
}

/// La migration 13 donne un identifiant global (UUIDv7) à chaque fiche existante et une
/// identité à la base ; ensuite, chaque fiche créée reçoit le sien, ligne à ligne ou en bloc.
#[test]
fn chaque_fiche_recoit_un_identifiant_global_pour_la_vie() {
    let c = Connection::open_in_memory().unwrap();
    base::configurer(&c).unwrap();
    base::migrer_jusqua(&c, 12).unwrap();
    c.execute_batch(
        "INSERT INTO organisation (type, nom) VALUES ('entreprise', 'Forges'), ('cci', 'CCI Nord');",
    )
    .unwrap();
    base::migrer_jusqua(&c, VERSION_SCHEMA).unwrap();
    passerelle_core::journal::armer(&c).unwrap();
    let uids = |c: &Connection| -> Vec<String> {
        c.prepare("SELECT uid FROM organisation ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let anciens = uids(&c);
    assert_eq!(anciens.len(), 2);
    for u in &anciens {
        let u = uuid_valide(u);
        assert_eq!(u.get_version_num(), 7, "{u}");
    }
    assert_ne!(anciens[0], anciens[1]);
    let base: String = c
        .query_row("SELECT uid FROM base_identite", [], |r| r.get(0))
        .unwrap();
    uuid_valide(&base);
    // Une création ordinaire, puis des créations en bloc (import) : chacune a le sien.
    c.execute(
        "INSERT INTO organisation (type, nom) VALUES ('cma', 'CMA')",
        [],
    )
    .unwrap();
    passerelle_core::journal::creations_en_bloc(&c, || {
        c.execute(
            "INSERT INTO organisation (type, nom) VALUES ('etat', 'Préfecture')",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    let tous = uids(&c);
    assert_eq!(&tous[..2], &anciens[..], "gardés à vie");
    assert_eq!(tous.len(), 4);
    assert_eq!(
        tous.iter().collect::<std::collections::BTreeSet<_>>().len(),
        4
    );
    // L'identifiant posé après la création n'est pas une « modification » au journal.
    let modifications: i64 = c
        .query_row(
            "SELECT count(*) FROM journal WHERE operation = 'modification'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(modifications, 0);
}

fn uuid_valide(u: &str) -> uuid::Uuid {
    uuid::Uuid::parse_str(u).unwrap_or_else(|e| panic!("{u} : {e}"))
}

/// La migration 16 (créations en masse notées d'une entrée) garde les entrées déjà écrites :
/// chacune reste une entrée d'une seule fiche, dans la liste et dans l'historique.
#[test]
fn migration_16_garde_le_journal_ecrit_avant() {
    use passerelle_core::journal::{self, FiltreJournal, Operation};
    let c = Connection::open_in_memory().unwrap();
    base::configurer(&c).unwrap();
    base::migrer_jusqua(&c, 15).unwrap();
    journal::armer(&c).unwrap();
    c.execute(
        "INSERT INTO organisation (type, nom) VALUES ('entreprise', 'Forges')",
        [],
    )
    .unwrap();
    let id = c.last_insert_rowid();
    base::migrer_jusqua(&c, VERSION_SCHEMA).unwrap();
    journal::armer(&c).unwrap();
    c.execute("UPDATE organisation SET nom = 'Forges du Nord'", [])
        .unwrap();
    let liste = journal::lister(&c, &FiltreJournal::default()).unwrap();
    assert_eq!(liste.total, 2);
    let h = journal::historique_fiche(&c, "organisation", id).unwrap();
    let ops: Vec<Operation> = h.iter().map(|e| e.operation).collect();
    assert_eq!(ops, [Operation::Modification, Operation::Creation]);
    assert!(h[1]
        .changements
        .iter()
        .any(|x| x.champ == "nom" && x.apres == "Forges"));
}

/// Les verrous POSIX que ce programme tient sur `fichier` (d'après /proc/locks) : SQLite en tient
/// un partagé sur la base tant qu'une connexion y est ouverte en WAL.
#[cfg(target_os = "linux")]
fn verrous_tenus(fichier: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(fichier).unwrap().ino();
    let moi = std::process::id().to_string();
    std::fs::read_to_string("/proc/locks")
        .unwrap()
        .lines()
        .filter(|l| {
            let champs: Vec<&str> = l.split_whitespace().collect();
            champs.get(4) == Some(&moi.as_str())
                && champs
                    .get(5)
                    .is_some_and(|f| f.rsplit(':').next() == Some(&inode.to_string()))
        })
        .count()
}

/// Ouvrir une connexion de travail (sauvegarde automatique, import) à côté de celle de la
/// fenêtre ne lui fait pas perdre son verrou sur la base. Perdu (un `File` ouvert puis fermé
/// sur la base lâche tous les verrous POSIX du programme), un autre programme qui lit la base
/// pendant ce temps supprime le WAL de la fenêtre en partant (SQLite 3.40 de Debian 12,
/// Python, navigateurs de bases) : ce qu'elle écrit ensuite serait perdu à un arrêt brutal.
#[cfg(target_os = "linux")]
#[test]
fn une_connexion_de_travail_laisse_son_verrou_a_la_fenetre() {
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("base.sqlite");
    let fenetre = base::ouvrir(&chemin).unwrap();
    parametres::choisir_accueil(&fenetre.conn, false).unwrap();
    assert!(
        verrous_tenus(&chemin) > 0,
        "pas de verrou après l'ouverture"
    );
    let travail = base::connexion_de_travail(&chemin).unwrap();
    drop(travail);
    assert!(
        verrous_tenus(&chemin) > 0,
        "la connexion de travail a fait perdre son verrou à la fenêtre"
    );
    parametres::choisir_accueil(&fenetre.conn, true).unwrap();
    assert!(verrous_tenus(&chemin) > 0);
}
