package ofa

// Featured is an architecture OFA's predictors can encode (arch.MBArch, arch.ResNetArch).
type Featured interface{ OFAFeatures() []float64 }

// Top1Percent predicts the ImageNet top-1 accuracy of each architecture in percent (the
// predictor's fraction times 100).
func Top1Percent[T Featured](p *Predictor, as []T) ([]float64, error) {
	X := make([][]float64, len(as))
	for i, a := range as {
		X[i] = a.OFAFeatures()
	}
	acc, err := p.Predict(X) // its errors name the file
	if err != nil {
		return nil, err
	}
	for i := range acc {
		acc[i] *= 100
	}
	return acc, nil
}
