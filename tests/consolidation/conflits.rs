//! Ce que la fusion ne tranche pas seule : deux sources qui disent autre chose de la même fiche,
//! une fiche modifiée ici depuis son import, une suppression à la source, et l'annuaire
//! rapproché par UAI mais jamais par un nom seul.

use super::common::compter;
use super::outils::{base_de_consolidation, importer, paquet_ipe_2007};
use passerelle_core::consolidation::{self, Decision, Identite, NatureConflit};
use passerelle_core::{base, Connection};
use std::path::Path;

/// Une petite base d'IPE à Lille : une entreprise, un IPE, deux actions en 2007 dans un lycée.
fn base_ipe(nom: &str) -> Connection {
    let c = base::en_memoire().unwrap();
    consolidation::nommer(
        &c,
        &Identite {
            uid: String::new(),
            nom: nom.into(),
            academie: "09".into(),
        },
    )
    .unwrap();
    c.execute_batch(
        "INSERT INTO organisation (type, nom, siret) VALUES ('entreprise', 'Forges du Nord', NULL);
         INSERT INTO personne (civilite, nom, prenom, organisation_id) VALUES ('M.', 'DUPONT', 'Jean', 1);
         INSERT INTO ipe (personne_id, entreprise_id, academie_id) VALUES (1, 1, (SELECT id FROM academie WHERE code = '09'));
         INSERT INTO etablissement (uai, nom, type, commune, academie_id) VALUES
             ('0590001X', 'Lycée Baggio', 'lpo', 'Lille', (SELECT id FROM academie WHERE code = '09'));
         INSERT INTO action_ipe (date, academie_id, theme_id, intitule, jeunes_filles) VALUES
             ('2007-03-01', (SELECT id FROM academie WHERE code = '09'), 1, 'Visite de la forge', 10),
             ('2007-04-02', (SELECT id FROM academie WHERE code = '09'), 2, 'Forum des métiers', 20);
         INSERT INTO action_ipe_intervenant (action_id, ipe_id) VALUES (1, 1), (2, 1);
         INSERT INTO action_ipe_etablissement (action_id, etablissement_id) VALUES (1, 1);",
    )
    .unwrap();
    c
}

/// Une copie de la base `c` sur un autre poste : mêmes fiches, autre identité.
fn copie(c: &Connection, dossier: &Path, nom: &str) -> Connection {
    let chemin = dossier.join(format!("{nom}.sqlite"));
    base::copier_vers(c, &chemin).unwrap();
    let b = base::ouvrir(&chemin).unwrap().conn;
    b.execute(
        "UPDATE base_identite SET uid = passerelle_uid(), nom = ?1",
        [nom],
    )
    .unwrap();
    b
}

/// Le paquet IPE 2007 (toutes académies) de la base `c`.
fn paquet_2007(c: &Connection, dossier: &Path) -> std::path::PathBuf {
    paquet_ipe_2007(c, dossier, "")
}

fn fixer_filles(c: &Connection, intitule: &str, n: i64) {
    c.execute(
        "UPDATE action_ipe SET jeunes_filles = ?1 WHERE intitule = ?2",
        rusqlite::params![n, intitule],
    )
    .unwrap();
}

fn filles(c: &Connection, intitule: &str) -> i64 {
    c.query_row(
        "SELECT jeunes_filles FROM action_ipe WHERE intitule = ?1",
        [intitule],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn deux_sources_differentes_pour_la_meme_fiche_sont_listees_puis_tranchees() {
    let dossier = tempfile::tempdir().unwrap();
    let a = base_ipe("IPE Lille – poste A");
    let b = copie(&a, dossier.path(), "IPE Lille – poste B");
    fixer_filles(&a, "Visite de la forge", 11);
    fixer_filles(&b, "Visite de la forge", 12);
    let pa = paquet_2007(&a, dossier.path());
    let pb = paquet_2007(&b, dossier.path());
    let c = base_de_consolidation("National");
    let cr = importer(&c, &[pa, pb]);
    assert!(cr[0].conflits.is_empty());
    assert_eq!(cr[1].conflits.len(), 1, "{cr:?}");
    assert!(
        cr[1].conflits[0].contains("Visite de la forge"),
        "{:?}",
        cr[1].conflits
    );
    assert_eq!(
        filles(&c, "Visite de la forge"),
        11,
        "la première version reste"
    );
    let conflits = consolidation::conflits(&c, true).unwrap();
    assert_eq!(conflits.len(), 1);
    let k = &conflits[0];
    assert_eq!(
        (k.nature, k.source.as_str()),
        (NatureConflit::DeuxSources, "IPE Lille – poste B")
    );
    assert!(k
        .locale
        .as_deref()
        .unwrap()
        .contains("\"jeunes_filles\":11"));
    assert!(k.recue.as_deref().unwrap().contains("\"jeunes_filles\":12"));
    // Montré en clair : le champ en français, les deux valeurs.
    assert!(
        k.differences
            .iter()
            .any(|d| d.champ.contains("filles") && d.locale == "11" && d.recue == "12"),
        "{:?}",
        k.differences
    );
    consolidation::decider(&c, k.id, Decision::Recue, None).unwrap();
    assert_eq!(filles(&c, "Visite de la forge"), 12);
    assert!(consolidation::conflits(&c, true).unwrap().is_empty());
    assert_eq!(compter(&c, "action_ipe"), 2);
}

#[test]
fn une_fiche_modifiee_ici_n_est_pas_ecrasee_et_une_suppression_a_la_source_non_plus() {
    let dossier = tempfile::tempdir().unwrap();
    let a = base_ipe("IPE Lille");
    let c = base_de_consolidation("DAET Lille");
    importer(&c, &[paquet_2007(&a, dossier.path())]);
    fixer_filles(&c, "Visite de la forge", 99);
    fixer_filles(&c, "Forum des métiers", 98);
    fixer_filles(&a, "Visite de la forge", 15);
    a.execute(
        "DELETE FROM action_ipe WHERE intitule = 'Forum des métiers'",
        [],
    )
    .unwrap();
    let cr = importer(&c, &[paquet_2007(&a, dossier.path())]);
    assert_eq!((cr[0].remplacees, cr[0].supprimees), (0, 0), "{cr:?}");
    assert_eq!(
        (
            filles(&c, "Visite de la forge"),
            filles(&c, "Forum des métiers")
        ),
        (99, 98)
    );
    let natures: Vec<NatureConflit> = consolidation::conflits(&c, true)
        .unwrap()
        .iter()
        .map(|k| k.nature)
        .collect();
    assert_eq!(
        natures,
        [
            NatureConflit::ModifieeIci,
            NatureConflit::SupprimeeALaSource
        ]
    );
    // La suppression venue de la source, acceptée.
    let k = consolidation::conflits(&c, true).unwrap().pop().unwrap();
    consolidation::decider(&c, k.id, Decision::Recue, None).unwrap();
    assert_eq!(compter(&c, "action_ipe"), 1);
    // Chaque fiche reçue dit d'où elle vient.
    let id: i64 = c
        .query_row("SELECT id FROM action_ipe", [], |r| r.get(0))
        .unwrap();
    // Un nom de table venu de la page qui ne désigne pas une fiche qui voyage : rien, sans
    // erreur de la base.
    for table in [
        "journal",
        "n'existe pas",
        "action_ipe\"; DROP TABLE ipe; --",
    ] {
        assert!(consolidation::provenance(&c, table, id).unwrap().is_empty());
    }
    let p = consolidation::provenance(&c, "action_ipe", id).unwrap();
    assert!(
        p[0].starts_with("Reçue de « IPE Lille » (IPE (registre et actions), 2007)"),
        "{p:?}"
    );
}

#[test]
fn l_annuaire_est_rapproche_par_uai_jamais_par_un_nom_seul() {
    let dossier = tempfile::tempdir().unwrap();
    let a = base_ipe("IPE Lille");
    let c = base_de_consolidation("DAET Lille");
    // Ici : le même lycée (même UAI, saisi à part) et un homonyme de l'IPE, sans organisation.
    c.execute_batch(
        "INSERT INTO etablissement (uai, nom, type, commune, academie_id) VALUES
             ('0590001X', 'LYCEE BAGGIO', 'lpo', 'LILLE', (SELECT id FROM academie WHERE code = '09'));
         INSERT INTO personne (civilite, nom, prenom) VALUES ('M.', 'Dupont', 'Jean');",
    )
    .unwrap();
    let paquet = paquet_2007(&a, dossier.path());
    let cr = importer(&c, std::slice::from_ref(&paquet));
    assert_eq!(compter(&c, "etablissement"), 1, "le lycée n'est pas doublé");
    assert!(cr[0].rapprochees >= 1);
    // Corrigée à la source, l'action qui cite le lycée rapproché est remplacée, sans faux
    // conflit « modifiée ici » : elle se compare avec le lycée d'ici.
    fixer_filles(&a, "Visite de la forge", 40);
    let suivant = importer(&c, &[paquet_2007(&a, dossier.path())]);
    assert_eq!(
        (suivant[0].remplacees, suivant[0].conflits.len()),
        (1, 0),
        "{suivant:?}"
    );
    assert_eq!(filles(&c, "Visite de la forge"), 40);
    let lien: String = c
        .query_row("SELECT e.nom FROM action_ipe_etablissement l JOIN etablissement e ON e.id = l.etablissement_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(lien, "LYCEE BAGGIO", "l'action cite le lycée d'ici");
    // Deux « Jean DUPONT » : l'homonyme n'est pas fusionné en silence, il est signalé.
    assert_eq!(compter(&c, "personne"), 2);
    let k = consolidation::conflits(&c, true).unwrap();
    assert_eq!(k.len(), 1, "{k:?}");
    assert_eq!(k[0].nature, NatureConflit::RapprochementAmbigu);
    assert!(
        k[0].locale.as_deref().unwrap().contains("Jean Dupont"),
        "{:?}",
        k[0].locale
    );
    consolidation::decider(&c, k[0].id, Decision::Separees, None).unwrap();
    assert!(
        consolidation::decider(&c, k[0].id, Decision::Recue, None).is_err(),
        "déjà tranché"
    );
}

#[test]
fn un_homonyme_fusionne_sur_decision_puis_reconnu_d_office() {
    let dossier = tempfile::tempdir().unwrap();
    let a = base_ipe("IPE Lille");
    let c = base_de_consolidation("DAET Lille");
    c.execute_batch("INSERT INTO personne (civilite, nom, prenom, email) VALUES ('M.', 'Dupont', 'Jean', 'jd@exemple.fr');")
        .unwrap();
    importer(&c, &[paquet_2007(&a, dossier.path())]);
    let k = consolidation::conflits(&c, true).unwrap().pop().unwrap();
    assert_eq!(k.nature, NatureConflit::RapprochementAmbigu);
    assert_eq!(k.candidates.len(), 1, "{k:?}");
    let refus =
        consolidation::decider(&c, k.id, Decision::Fusionnee, Some("un-autre-uid")).unwrap_err();
    assert!(
        refus.to_string().contains("Choisissez la fiche d'ici"),
        "{refus}"
    );
    consolidation::decider(&c, k.id, Decision::Fusionnee, Some(&k.candidates[0].uid)).unwrap();
    // Une seule personne : la fiche d'ici, désignée maintenant par l'IPE reçu.
    assert_eq!(compter(&c, "personne"), 1);
    let courriel: String = c
        .query_row(
            "SELECT p.email FROM ipe i JOIN personne p ON p.id = i.personne_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(courriel, "jd@exemple.fr");
    // Le paquet suivant de la même source : la personne est reconnue, plus de conflit.
    fixer_filles(&a, "Visite de la forge", 30);
    let cr = importer(&c, &[paquet_2007(&a, dossier.path())]);
    assert!(cr[0].conflits.is_empty(), "{cr:?}");
    assert_eq!(
        (compter(&c, "personne"), filles(&c, "Visite de la forge")),
        (1, 30)
    );
}

#[test]
fn retirer_une_source_enleve_ses_fiches_sauf_celles_d_ici() {
    let dossier = tempfile::tempdir().unwrap();
    let a = base_ipe("IPE Lille");
    let c = base_de_consolidation("DAET Lille");
    importer(&c, &[paquet_2007(&a, dossier.path())]);
    assert_eq!(compter(&c, "action_ipe"), 2);
    // Une action modifiée ici depuis son import reste, signalée ; l'autre part avec la source.
    fixer_filles(&c, "Forum des métiers", 77);
    let source = consolidation::sources(&c).unwrap().pop().unwrap();
    let cr = consolidation::retirer_source(&c, source.id).unwrap();
    // L'action modifiée ici reste, et l'IPE qu'elle cite encore aussi : deux conflits notés.
    assert_eq!((cr.supprimees, cr.conflits.len()), (1, 2), "{cr:?}");
    assert_eq!(compter(&c, "action_ipe"), 1);
    assert_eq!(filles(&c, "Forum des métiers"), 77);
    assert!(consolidation::sources(&c).unwrap().is_empty());
    let k = consolidation::conflits(&c, true).unwrap();
    assert_eq!(k.len(), 2, "{k:?}");
    assert!(k
        .iter()
        .all(|k| k.nature == NatureConflit::SupprimeeALaSource && k.source == "IPE Lille"));
    assert_eq!(compter(&c, "ipe"), 1);
    // Chaque fiche nommée en clair : l'IPE par sa personne.
    let noms: Vec<&str> = k.iter().map(|k| k.libelle.as_str()).collect();
    assert_eq!(noms, ["Forum des métiers", "Jean DUPONT"]);
    // Accepter la suppression d'un IPE qu'une action d'ici cite encore : refusé en français ;
    // rien ne change et le conflit reste ouvert.
    let ipe = k.iter().find(|k| k.libelle == "Jean DUPONT").unwrap();
    let e = consolidation::decider(&c, ipe.id, Decision::Recue, None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("encore citée dans cette base"), "{e}");
    assert_eq!(compter(&c, "ipe"), 1);
    assert_eq!(consolidation::conflits(&c, true).unwrap().len(), 2);
}
