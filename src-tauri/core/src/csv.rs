//! Lecture des fichiers CSV des tableurs : séparateur « ; » ou « , », UTF-8 (avec ou sans BOM)
//! ou Windows-1252, détectés ; champs entre guillemets ; en-têtes reconnus sans accents ni casse.
//! Sert à tous les imports : une erreur dit toujours la ligne fautive.

use crate::texte;

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
            format!("CSV {}, séparateur « {} »", self.encodage, self.separateur)
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
    let premiere = texte.lines().next().unwrap_or("");
    let separateur =
        if compter_hors_guillemets(premiere, ';') >= compter_hors_guillemets(premiere, ',') {
            ';'
        } else {
            ','
        };
    let mut enregistrements = decouper(&texte, separateur)?;
    if enregistrements.is_empty() {
        return Err("Le fichier est vide.".into());
    }
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
                "Ligne {} : {} valeurs au lieu de {} (séparateur « {separateur} » attendu).",
                l.numero,
                l.valeurs.len(),
                entetes.len()
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

/// UTF-8 (BOM retiré) si le fichier en est, sinon Windows-1252 (exports d'Excel français).
fn decoder(octets: &[u8]) -> (String, &'static str) {
    let sans_bom = octets.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(octets);
    match std::str::from_utf8(sans_bom) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => (
            octets.iter().map(|&b| windows_1252(b)).collect(),
            "Windows-1252",
        ),
    }
}

fn windows_1252(b: u8) -> char {
    const PLAGE_80_9F: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => PLAGE_80_9F[(b - 0x80) as usize],
        _ => b as char, // ailleurs, Windows-1252 coïncide avec Latin-1
    }
}

fn compter_hors_guillemets(ligne: &str, c: char) -> usize {
    let mut dedans = false;
    ligne
        .chars()
        .filter(|&x| {
            if x == '"' {
                dedans = !dedans;
            }
            x == c && !dedans
        })
        .count()
}

/// Découpe RFC 4180 : guillemets doublés, retours à la ligne dans un champ entre guillemets.
fn decouper(texte: &str, sep: char) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut sortie = Vec::new();
    let mut champ = String::new();
    let mut ligne = Vec::new();
    let mut numero = 1;
    let mut debut_enregistrement = 1;
    let mut dedans = false;
    let mut car = texte.chars().peekable();
    while let Some(c) = car.next() {
        match c {
            '"' if dedans && car.peek() == Some(&'"') => {
                champ.push('"');
                car.next();
            }
            '"' if dedans => dedans = false,
            '"' if champ.trim().is_empty() => {
                champ.clear();
                dedans = true
            }
            '\n' if dedans => {
                champ.push('\n');
                numero += 1;
            }
            '\r' => {}
            '\n' => {
                ligne.push(std::mem::take(&mut champ));
                sortie.push((debut_enregistrement, std::mem::take(&mut ligne)));
                numero += 1;
                debut_enregistrement = numero;
            }
            c if c == sep && !dedans => ligne.push(std::mem::take(&mut champ)),
            c => champ.push(c),
        }
    }
    if dedans {
        return Err(format!(
            "Ligne {debut_enregistrement} : guillemet ouvrant sans guillemet fermant."
        ));
    }
    if !champ.is_empty() || !ligne.is_empty() {
        ligne.push(champ);
        sortie.push((debut_enregistrement, ligne));
    }
    Ok(sortie)
}

/// Passe chaque ligne à `traiter` dans une seule transaction : toutes les lignes fautives sont
/// signalées (« Ligne 12 : … ») et, s'il y en a une, ou en mode essai, rien n'est écrit.
/// Rend le nombre de lignes traitées.
pub fn importer_lignes(
    conn: &rusqlite::Connection,
    table: &TableCsv,
    essai: bool,
    mut traiter: impl FnMut(&rusqlite::Connection, &Ligne) -> crate::Resultat<()>,
) -> crate::Resultat<usize> {
    // Un point de sauvegarde plutôt qu'une transaction : l'import peut ainsi s'inscrire dans
    // une transaction plus large (chargement de la démonstration).
    conn.execute_batch("SAVEPOINT import_csv")?;
    let mut erreurs = Vec::new();
    let mut echec_sql = None;
    for ligne in &table.lignes {
        match traiter(conn, ligne) {
            Ok(()) => {}
            Err(crate::Erreur::Sqlite(e)) => {
                echec_sql = Some(e);
                break;
            }
            Err(e) => erreurs.push(format!("Ligne {} : {e}", ligne.numero)),
        }
    }
    let annuler = echec_sql.is_some() || !erreurs.is_empty() || essai;
    conn.execute_batch(if annuler {
        "ROLLBACK TO import_csv; RELEASE import_csv"
    } else {
        "RELEASE import_csv"
    })?;
    if let Some(e) = echec_sql {
        return Err(e.into());
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
}
