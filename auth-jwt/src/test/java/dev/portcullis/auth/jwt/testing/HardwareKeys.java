package dev.portcullis.auth.jwt.testing;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a PKCS#11 / HSM key: an EC private key that does not expose its scalar or its
 * encoding (like SunPKCS11's sensitive keys, it is an {@link ECKey} but not an {@link
 * ECPrivateKey}), signed by a JCA provider of its own that is the only one accepting it.
 */
public final class HardwareKeys {

  private static final AtomicInteger SIGNATURES = new AtomicInteger();

  private HardwareKeys() {}

  /** How many signatures the stand-in provider has made. */
  public static int signatures() {
    return SIGNATURES.get();
  }

  /** {@code key} wrapped so that its private material cannot be read. */
  public static PrivateKey sealed(ECPrivateKey key) {
    install();
    return new SealedEcKey(key);
  }

  private static synchronized void install() {
    if (Security.getProvider(HsmProvider.NAME) == null) {
      Security.addProvider(new HsmProvider());
    }
  }

  /** A private key whose material stays inside (here: inside this object). */
  public static final class SealedEcKey implements PrivateKey, ECKey {
    private static final long serialVersionUID = 1L;
    private final transient ECPrivateKey inside;

    SealedEcKey(ECPrivateKey inside) {
      this.inside = inside;
    }

    @Override
    public ECParameterSpec getParams() {
      return inside.getParams();
    }

    @Override
    public String getAlgorithm() {
      return "EC";
    }

    @Override
    public String getFormat() {
      return null;
    }

    @Override
    public byte[] getEncoded() {
      return null;
    }
  }

  private static final class HsmProvider extends Provider {
    static final String NAME = "PortcullisTestHsm";
    private static final long serialVersionUID = 1L;

    HsmProvider() {
      super(NAME, "1.0", "signs with sealed EC keys (tests only)");
      for (String alg : new String[] {"SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA"}) {
        putService(
            new Service(
                this,
                "Signature",
                alg,
                HsmSignature.class.getName(),
                null,
                Map.of("SupportedKeyClasses", SealedEcKey.class.getName())) {
              @Override
              public Object newInstance(Object parameter) {
                return new HsmSignature(alg);
              }
            });
      }
    }
  }

  /** Signs with the sealed key's inside, through the JDK, as the HSM would. */
  public static final class HsmSignature extends SignatureSpi {
    private final Signature jdk;

    HsmSignature(String alg) {
      try {
        jdk = Signature.getInstance(alg, "SunEC");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
      throw new InvalidKeyException("the stand-in HSM only signs");
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
      if (!(privateKey instanceof SealedEcKey k)) {
        throw new InvalidKeyException("not a sealed key");
      }
      jdk.initSign(k.inside);
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
      jdk.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
      jdk.update(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
      SIGNATURES.incrementAndGet();
      return jdk.sign();
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
      throw new SignatureException("the stand-in HSM only signs");
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
      throw new InvalidParameterException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
      throw new InvalidParameterException("no parameters");
    }
  }
}
