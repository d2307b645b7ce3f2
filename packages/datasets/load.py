# load(name) and FOLDS for the Python (scikit-learn) snippets that produce the model packages'
# reference fixtures: the same files loadDataset() and sklearnFolds() read.
# Use from another folder with: sys.path.insert(0, '<path to>/packages/datasets'); from load import load, FOLDS
import json
import os

import numpy as np

D = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data') + '/'


def load(name):
    if name == 'diabetes':
        return np.loadtxt(D + 'diabetes_data_raw.csv'), np.loadtxt(D + 'diabetes_target.csv')
    f = {'iris': 'iris.csv', 'wine': 'wine_data.csv', 'breast_cancer': 'breast_cancer.csv', 'digits': 'digits.csv'}[name]
    a = np.loadtxt(D + f, delimiter=',', skiprows=0 if name == 'digits' else 1)
    return a[:, :-1], a[:, -1].astype(int)


FOLDS = json.load(open(D + 'sklearn-folds.json'))
