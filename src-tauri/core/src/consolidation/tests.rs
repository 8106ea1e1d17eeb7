//! Un paquet écrit par une version plus ancienne (schéma antérieur, colonnes en moins) s'importe :
//! les colonnes qu'il ne connaît pas prennent leur valeur par défaut.

use super::export::{exporter, DemandeExport};
use super::paquet;
use super::{identite, importer, nommer, Identite, Perimetre};
use crate::base;
use crate::dates::Periode;
use serde_json::Value;

fn base_nommee(nom: &str) -> rusqlite::Connection {
    let c = base::en_memoire().unwrap();
    let i = Identite {
        uid: String::new(),
        nom: nom.into(),
        academie: String::new(),
    };
    nommer(&c, &i).unwrap();
    c
}

#[test]
fn un_paquet_d_un_schema_anterieur_s_importe() {
    let a = base_nommee("IPE Lille");
    // Un thème ajouté à la source : créé ici par la fonction du module des thèmes.
    let robotique = crate::ipe::themes::SaisieTheme {
        libelle: "Robotique".into(),
    };
    assert_eq!(crate::ipe::themes::creer(&a, &robotique).unwrap().id, 15);
    a.execute_batch(
        "INSERT INTO organisation (type, nom) VALUES ('entreprise', 'Forges');
         INSERT INTO personne (civilite, nom, prenom, organisation_id) VALUES ('M.', 'DUPONT', 'Jean', 1);
         INSERT INTO ipe (personne_id, entreprise_id, academie_id) VALUES (1, 1, 9);
         INSERT INTO action_ipe (date, academie_id, theme_id, intitule, jeunes_filles) VALUES ('2007-03-01', 9, 15, 'Forum', 12);
         INSERT INTO action_ipe_intervenant (action_id, ipe_id) VALUES (1, 1);",
    )
    .unwrap();
    let d = DemandeExport {
        perimetre: Perimetre::Ipe,
        periode: Periode::Civile(2007),
        academie: String::new(),
    };
    let (mut m, mut contenu) = exporter(&a, &d).unwrap();
    // Le schéma 7 ne connaissait pas le lien d'une action IPE vers une convention.
    m.version_schema = 7;
    for (table, _, _, donnees) in &mut contenu.fiches {
        if table == "action_ipe" {
            let mut v: Value = serde_json::from_str(donnees).unwrap();
            v["champs"].as_object_mut().unwrap().remove("convention_id");
            *donnees = v.to_string();
        }
    }
    m.empreinte = m.calculer_empreinte(&contenu);
    let dossier = tempfile::tempdir().unwrap();
    let chemin = dossier.path().join("ancien.passerelle");
    paquet::ecrire(&chemin, &m, &contenu).unwrap();

    let c = base_nommee("National");
    assert_ne!(identite(&c).unwrap().uid, m.source_uid);
    let r = importer(
        &c,
        std::slice::from_ref(&chemin),
        false,
        &crate::travail::Suivi::default(),
    )
    .unwrap();
    assert!(r[0].erreur.is_none(), "{:?}", r[0].erreur);
    let (filles, convention): (i64, Option<i64>) = c
        .query_row(
            "SELECT jeunes_filles, convention_id FROM action_ipe",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((filles, convention), (12, None));
    let theme: String = c
        .query_row(
            "SELECT t.code FROM action_ipe a JOIN theme_ipe t ON t.id = a.theme_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(theme, "robotique");
}
