//! Fichiers CSV des tableurs, lus et écrits par le crate `csv`. Lecture : séparateur « ; »,
//! « , » ou tabulation, détecté ; UTF-8 (avec ou sans BOM), UTF-16 (avec BOM) ou Windows-1252,
//! décodés par `encoding_rs` ; champs entre guillemets ; en-têtes reconnus sans accents ni casse.
//! Sert à tous les imports : une erreur dit toujours la ligne fautive. Écriture : `ecrire`.

use crate::texte;
use std::borrow::Cow;

/// Une ligne de données : son numéro dans le fichier (l'en-tête est la ligne 1) et ses valeurs.
#[derive(Debug)]
pub struct Ligne {
    pub numero: usize,
    pub valeurs: Vec<String>,
}

#[derive(Debug)]
pub struct TableCsv {
    pub entetes: Vec<String>,
    pub lignes: Vec<Ligne>,
    pub separateur: char,
    pub encodage: &'static str,
}

impl TableCsv {
    /// « CSV UTF-8, séparateur « ; » » ou, pour un classeur, son genre.
    pub fn format(&self) -> String {
        if self.encodage.starts_with("classeur") {
            self.encodage.to_string()
        } else {
            format!(
                "CSV {}, séparateur « {} »",
                self.encodage,
                nom_separateur(self.separateur)
            )
        }
    }

    /// Indices des colonnes demandées (en-têtes comparés sans accents ni casse), dans l'ordre demandé ;
    /// une colonne manquante est une erreur qui les nomme toutes.
    pub fn colonnes(&self, attendues: &[&str]) -> Result<Vec<usize>, String> {
        let connues: Vec<String> = self
            .entetes
            .iter()
            .map(|e| texte::normaliser(e).replace(' ', "_"))
            .collect();
        let mut indices = Vec::new();
        let mut manquantes = Vec::new();
        for a in attendues {
            match connues.iter().position(|c| c == a) {
                Some(i) => indices.push(i),
                None => manquantes.push(*a),
            }
        }
        if manquantes.is_empty() {
            Ok(indices)
        } else {
            Err(format!(
                "Colonnes absentes de l'en-tête : {}. Colonnes attendues : {}.",
                manquantes.join(", "),
                attendues.join(";")
            ))
        }
    }
}

/// Décode le fichier puis le découpe. Un fichier vide ou sans ligne de données est une erreur.
pub fn lire(octets: &[u8]) -> Result<TableCsv, String> {
    let (texte, encodage) = decoder(octets);
    // Les fins de ligne Windows deviennent « \n », jusque dans les champs sur plusieurs lignes.
    let texte = if texte.contains('\r') {
        Cow::Owned(texte.replace("\r\n", "\n"))
    } else {
        texte
    };
    let separateur = detecter_separateur(&texte);
    let mut enregistrements = decouper(&texte, separateur)?;
    if enregistrements.is_empty() {
        return Err("Le fichier est vide.".into());
    }
    let separateur = char::from(separateur);
    let (_, entetes) = enregistrements.remove(0);
    let entetes: Vec<String> = entetes.into_iter().map(|e| e.trim().to_string()).collect();
    let lignes: Vec<Ligne> = enregistrements
        .into_iter()
        .filter(|(_, v)| v.iter().any(|c| !c.trim().is_empty()))
        .map(|(numero, valeurs)| Ligne { numero, valeurs })
        .collect();
    for l in &lignes {
        if l.valeurs.len() != entetes.len() {
            return Err(format!(
                "Ligne {} : {} valeurs au lieu de {} (séparateur « {} » attendu).",
                l.numero,
                l.valeurs.len(),
                entetes.len(),
                nom_separateur(separateur)
            ));
        }
    }
    Ok(TableCsv {
        entetes,
        lignes,
        separateur,
        encodage,
    })
}

/// « ; », « , » ou « tabulation », pour les messages.
pub fn nom_separateur(separateur: char) -> String {
    match separateur {
        '\t' => "tabulation".into(),
        c => c.to_string(),
    }
}

/// UTF-8 (BOM retiré) si le fichier en est, UTF-16 s'il commence par son BOM (« texte Unicode »
/// d'Excel), sinon Windows-1252 (exports d'Excel français).
fn decoder(octets: &[u8]) -> (Cow<'_, str>, &'static str) {
    use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
    if let Some((e, bom)) = Encoding::for_bom(octets) {
        if e == UTF_16LE || e == UTF_16BE {
            return (e.decode_without_bom_handling(&octets[bom..]).0, "UTF-16");
        }
    }
    let sans_bom = octets.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(octets);
    match UTF_8.decode_without_bom_handling_and_without_replacement(sans_bom) {
        Some(t) => (t, "UTF-8"),
        None => (
            WINDOWS_1252.decode_without_bom_handling(octets).0,
            "Windows-1252",
        ),
    }
}

/// Lecteur sans en-tête réservé (la ligne 1 est lue comme les autres), aux lignes de longueurs
/// libres (contrôlées ensuite, avec un message qui donne la ligne).
fn lecteur(separateur: u8) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(separateur).has_headers(false).flexible(true);
    b
}

/// Le séparateur qui découpe le premier enregistrement en le plus de champs ; à égalité « ; »
/// (Excel français), puis « , ».
fn detecter_separateur(texte: &str) -> u8 {
    let champs = |separateur: u8| {
        lecteur(separateur)
            .from_reader(texte.as_bytes())
            .records()
            .next()
            .and_then(Result::ok)
            .map_or(0, |r| r.len())
    };
    let mut choix = (b';', champs(b';'));
    for separateur in [b',', b'\t'] {
        let n = champs(separateur);
        if n > choix.1 {
            choix = (separateur, n);
        }
    }
    choix.0
}

/// Découpe RFC 4180 (guillemets doublés, retours à la ligne dans un champ entre guillemets) :
/// chaque enregistrement avec le numéro de la ligne où il commence.
fn decouper(texte: &str, separateur: u8) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut sortie = Vec::new();
    let mut debut_dernier = 0;
    for r in lecteur(separateur)
        .from_reader(texte.as_bytes())
        .into_records()
    {
        let r = r.map_err(|e| {
            let ligne = e.position().map_or(1, |p| p.line());
            format!("Ligne {ligne} : ligne illisible.")
        })?;
        let (ligne, octet) = r.position().map_or((1, 0), |p| (p.line(), p.byte()));
        // La position rendue est la fin de l'enregistrement précédent : les lignes vides
        // sautées avant celui-ci comptent dans son numéro.
        let brut = texte.get(octet as usize..).unwrap_or("");
        let vides = &brut[..brut.len() - brut.trim_start_matches(['\n', '\r']).len()];
        debut_dernier = octet as usize + vides.len();
        let numero = ligne as usize + vides.matches('\n').count();
        sortie.push((numero, r.iter().map(String::from).collect::<Vec<_>>()));
    }
    if let Some((numero, valeurs)) = sortie.last() {
        let brut = texte.get(debut_dernier..).unwrap_or("");
        if guillemet_ouvert(brut, valeurs.last().map_or("", String::as_str), separateur) {
            return Err(format!(
                "Ligne {numero} : guillemet ouvrant sans guillemet fermant."
            ));
        }
    }
    Ok(sortie)
}

/// Le lecteur `csv` clôt sans erreur un champ entre guillemets resté ouvert en fin de fichier :
/// ce champ a avalé toute la fin du texte, qui s'écrit alors « " » suivi de sa valeur aux
/// guillemets doublés, au début de l'enregistrement ou juste après un séparateur. Un champ
/// fermé, lui, finit par un guillemet, un caractère hors guillemets ou une fin de ligne.
fn guillemet_ouvert(enregistrement: &str, derniere_valeur: &str, separateur: u8) -> bool {
    let queue = format!("\"{}", derniere_valeur.replace('"', "\"\""));
    enregistrement
        .strip_suffix(queue.as_str())
        .is_some_and(|avant| avant.is_empty() || avant.as_bytes().last() == Some(&separateur))
}

/// Un fichier CSV pour les tableurs : UTF-8 avec BOM (qu'Excel reconnaît), séparateur « ; »,
/// fins de ligne CRLF, guillemets seulement quand il le faut. Les lignes peuvent avoir des
/// longueurs différentes ; une ligne sans valeur reste une ligne vide. Tous les exports CSV
/// passent par ici.
pub fn ecrire(lignes: &[Vec<String>]) -> String {
    // `csv` écrirait « "" » pour distinguer une ligne vide d'un champ vide : les blocs de lignes
    // sont écrits à part, séparés par des lignes vraiment vides.
    let vide = |l: &Vec<String>| l.len() <= 1 && l.iter().all(String::is_empty);
    let mut octets = b"\xEF\xBB\xBF".to_vec();
    for (i, bloc) in lignes.split(vide).enumerate() {
        if i > 0 {
            octets.extend_from_slice(b"\r\n");
        }
        let mut sortie = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut octets);
        // Écrire dans un Vec ne peut pas échouer, et les longueurs sont libres : rien à signaler.
        for l in bloc {
            let _ = sortie.write_record(l);
        }
        let _ = sortie.flush();
    }
    String::from_utf8(octets).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Passe chaque ligne à `traiter` dans une seule transaction : toutes les lignes fautives sont
/// signalées (« Ligne 12 : … ») et, s'il y en a une, ou en mode essai, rien n'est écrit.
/// `suivi` compte les lignes ; une annulation défait tout et rend `Erreur::Annulee`.
/// Rend le nombre de lignes traitées.
pub fn importer_lignes(
    conn: &rusqlite::Connection,
    table: &TableCsv,
    essai: bool,
    suivi: &crate::travail::Suivi,
    mut traiter: impl FnMut(&rusqlite::Connection, &Ligne) -> crate::Resultat<()>,
) -> crate::Resultat<usize> {
    // Un point de sauvegarde plutôt qu'une transaction : l'import peut ainsi s'inscrire dans
    // une transaction plus large (chargement de la démonstration).
    conn.execute_batch("SAVEPOINT import_csv")?;
    suivi.fixer_total(table.lignes.len() as u64);
    let mut erreurs = Vec::new();
    // Annulée avant de commencer : aucune ligne n'est lue.
    let mut arret = suivi.avancer(0).err();
    for (i, ligne) in table.lignes.iter().enumerate() {
        if arret.is_some() {
            break;
        }
        match traiter(conn, ligne) {
            Ok(()) => {}
            Err(e @ (crate::Erreur::Sqlite(_) | crate::Erreur::Annulee)) => arret = Some(e),
            Err(e) => erreurs.push(format!("Ligne {} : {e}", ligne.numero)),
        }
        // Annulation demandée : on s'arrête après cette ligne et tout est défait plus bas.
        if arret.is_none() {
            arret = suivi.avancer(i as u64 + 1).err();
        }
    }
    let annuler = arret.is_some() || !erreurs.is_empty() || essai;
    conn.execute_batch(if annuler {
        "ROLLBACK TO import_csv; RELEASE import_csv"
    } else {
        "RELEASE import_csv"
    })?;
    if let Some(e) = arret {
        return Err(e);
    }
    if !erreurs.is_empty() {
        return Err(crate::Erreur::Import(erreurs));
    }
    Ok(table.lignes.len())
}

/// Un entier positif ou nul écrit à la française (« 1 250 ») ; vide = 0.
pub fn entier_positif(valeur: &str, colonne: &str) -> Result<i64, String> {
    let v: String = valeur
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    if v.is_empty() {
        return Ok(0);
    }
    match v.parse::<i64>() {
        Ok(n) if n >= 0 => Ok(n),
        Ok(_) => Err(format!("{colonne} : « {valeur} » est négatif.")),
        Err(_) => Err(format!(
            "{colonne} : « {valeur} » n'est pas un nombre entier."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_virgule_utf8_avec_bom() {
        let t = lire(
            "\u{feff}nom;prenom\nDUPONT;Anne\n\nMARTIN;\"Jean; dit « Jeannot »\"\n".as_bytes(),
        )
        .unwrap();
        assert_eq!((t.separateur, t.encodage), (';', "UTF-8"));
        assert_eq!(t.entetes, ["nom", "prenom"]);
        assert_eq!(t.lignes.len(), 2);
        assert_eq!(t.lignes[1].numero, 4);
        assert_eq!(t.lignes[1].valeurs[1], "Jean; dit « Jeannot »");
    }

    #[test]
    fn virgule_windows_1252() {
        let octets = b"Nom,Pr\xe9nom\r\nL\xc9GER,Z\xe9lie \x80\r\n";
        let t = lire(octets).unwrap();
        assert_eq!((t.separateur, t.encodage), (',', "Windows-1252"));
        assert_eq!(t.lignes[0].valeurs, ["LÉGER", "Zélie €"]);
        assert_eq!(t.colonnes(&["prenom", "nom"]).unwrap(), [1, 0]);
    }

    #[test]
    fn erreurs_avec_numero_de_ligne() {
        assert!(lire(b"a;b\n1;2;3\n").unwrap_err().starts_with("Ligne 2 :"));
        assert!(lire(b"a;b\n1;\"2\n").unwrap_err().contains("guillemet"));
        assert!(lire(b"").unwrap_err().contains("vide"));
        let t = lire(b"a;b\n1;2\n").unwrap();
        assert!(t.colonnes(&["a", "c", "d"]).unwrap_err().contains("c, d"));
    }

    #[test]
    fn entiers() {
        assert_eq!(entier_positif("1 250", "x").unwrap(), 1250);
        assert_eq!(entier_positif("", "x").unwrap(), 0);
        assert!(entier_positif("-3", "Jeunes")
            .unwrap_err()
            .contains("négatif"));
        assert!(entier_positif("douze", "Jeunes")
            .unwrap_err()
            .contains("nombre entier"));
    }

    #[test]
    fn guillemets_separateurs_et_cellules_sur_plusieurs_lignes() {
        let t = lire(
            "\u{feff}nom;note\r\n\"DUPONT; Anne\";\"dit \"\"la patronne\"\"\"\r\n\r\n\
             MARTIN;\"ligne 1\r\nligne 2\"\r\nDURAND;fin\r\n"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!((t.separateur, t.encodage), (';', "UTF-8"));
        assert_eq!(
            t.entetes,
            ["nom", "note"],
            "BOM retiré de la première colonne"
        );
        let vues: Vec<(usize, Vec<&str>)> = t
            .lignes
            .iter()
            .map(|l| (l.numero, l.valeurs.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            vues,
            [
                (2, vec!["DUPONT; Anne", "dit \"la patronne\""]),
                (4, vec!["MARTIN", "ligne 1\nligne 2"]),
                (6, vec!["DURAND", "fin"]),
            ]
        );
    }

    #[test]
    fn tabulation_et_utf16_d_excel() {
        let mut octets = vec![0xFF, 0xFE];
        for u in "Nom\tPrénom\tVille\r\nLÉGER\tZélie\tLens, Liévin\r\n".encode_utf16() {
            octets.extend(u.to_le_bytes());
        }
        let t = lire(&octets).unwrap();
        assert_eq!((t.separateur, t.encodage), ('\t', "UTF-16"));
        assert_eq!(t.lignes[0].valeurs, ["LÉGER", "Zélie", "Lens, Liévin"]);
        assert!(t.format().contains("tabulation"));
    }

    #[test]
    fn guillemet_jamais_ferme() {
        for (octets, ligne) in [
            (&b"a;b\n1;\"2\n"[..], 2),
            (b"a;b\n1;\"", 2),
            (b"a;b\n1;2\n3;\"x\"\"\n\n", 3),
            (b"\"a;b\n1;2\n", 1),
        ] {
            let e = lire(octets).unwrap_err();
            assert!(
                e.starts_with(&format!("Ligne {ligne} : guillemet ouvrant")),
                "{e}"
            );
        }
        for octets in [
            &b"a;b\n1;\"\"\n"[..],
            b"a;b\n1;\"\"",
            b"a;b\n1;\"x\"\"\"",
            b"a;b\n1;2\"\n",
            b"a;b\n1;\"2\"3\n",
        ] {
            assert!(lire(octets).is_ok(), "{}", String::from_utf8_lossy(octets));
        }
    }

    #[test]
    fn ecriture_relue_a_l_identique() {
        let lignes = vec![
            vec!["nom".to_string(), "note".into()],
            vec!["DUPONT; Anne".into(), "dit \"la patronne\"".into()],
            Vec::new(),
            vec!["MARTIN".into(), "ligne 1\nligne 2".into(), String::new()],
        ];
        let s = ecrire(&lignes);
        assert_eq!(
            s,
            "\u{feff}nom;note\r\n\"DUPONT; Anne\";\"dit \"\"la patronne\"\"\"\r\n\r\n\
             MARTIN;\"ligne 1\nligne 2\";\r\n"
        );
        let t = lire(ecrire(&lignes[..2]).as_bytes()).unwrap();
        assert_eq!(t.entetes, lignes[0]);
        assert_eq!(t.lignes[0].valeurs, lignes[1]);
    }
}
