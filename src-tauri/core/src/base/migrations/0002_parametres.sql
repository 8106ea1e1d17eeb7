-- Réglages de l'utilisateur rangés dans la base (choix du premier démarrage, horizons d'alerte…).
CREATE TABLE parametre (
    cle    TEXT PRIMARY KEY,
    valeur TEXT NOT NULL
);

-- Une base qui contenait déjà des données a passé l'accueil.
INSERT INTO parametre (cle, valeur)
SELECT 'accueil', 'migre'
WHERE EXISTS (SELECT 1 FROM bassin) OR EXISTS (SELECT 1 FROM etablissement)
   OR EXISTS (SELECT 1 FROM organisation) OR EXISTS (SELECT 1 FROM personne);
