//! Injection de formules : neutralisée à l'export CSV, défaite à l'import.

use passerelle_core::cet::registre::{self, FiltreCet};
use passerelle_core::cet::{export, import};
use passerelle_core::travail::Suivi;
use passerelle_core::{base, csv};

const ENTETE: &str = "civilite;nom;prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;academie;bassin;debut_mandat;fin_mandat";

#[test]
fn export_csv_neutralise_et_se_reimporte_a_l_identique() {
    let c = base::en_memoire().unwrap();
    let liste = format!(
        "{ENTETE}\r\nM;\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";@Jean;;;+1+1;Hôtellerie;Tourisme, hôtellerie, restauration;;Lille;;01/01/2027;31/12/2031\r\n"
    );
    import::importer(&c, liste.as_bytes(), None, false, &Suivi::default()).unwrap();
    let octets = export::fichier_registre(&c, &FiltreCet::default(), "csv").unwrap();
    let texte = String::from_utf8(octets.clone()).unwrap();
    // Chaque cellule dangereuse commence par une apostrophe dans le fichier.
    assert!(
        texte.contains("\"'=HYPERLINK(\"\"HTTP://X\"\",\"\"Y\"\")\";'@Jean;")
            && texte.contains(";'+1+1;"),
        "{texte}"
    );
    let autre = base::en_memoire().unwrap();
    let r = import::importer(&autre, &octets, None, false, &Suivi::default()).unwrap();
    assert_eq!(r.importees, 1);
    let resume = |c: &passerelle_core::Connection| {
        registre::lister(c, &FiltreCet::default())
            .unwrap()
            .lignes
            .into_iter()
            .map(|x| (x.nom, x.prenom, x.employeur, x.fin_mandat))
            .collect::<Vec<_>>()
    };
    let relu = resume(&autre);
    assert_eq!(relu, resume(&c));
    // Les noms sont rangés en capitales.
    assert_eq!(relu[0].0, "=HYPERLINK(\"HTTP://X\",\"Y\")");
    assert_eq!(relu[0].2.as_deref(), Some("+1+1"));
}

#[test]
fn nombres_laisses_tels_quels_apostrophes_des_tableurs_comprises() {
    let lignes = vec![
        vec!["a".to_string(), "b".into(), "c".into()],
        vec!["-3".into(), "-1,5".into(), "=1+1".into()],
    ];
    let texte = csv::ecrire(&lignes);
    assert!(texte.ends_with("-3;-1,5;'=1+1\r\n"), "{texte}");
    let t = csv::lire(texte.as_bytes()).unwrap();
    assert_eq!(t.lignes[0].valeurs, lignes[1]);
    // Un fichier venu d'ailleurs, protégé à la main de la même façon.
    let t = csv::lire("nom;note\n'=DUPONT;'bonjour\n".as_bytes()).unwrap();
    assert_eq!(t.lignes[0].valeurs, ["=DUPONT", "'bonjour"]);
}
