package dev.ecslabs.emulator.runtime.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites {@code sun.nio.ch.Net}, the JDK's one place where NIO channels and classic sockets bind
 * and connect: {@code bind(family, fd, address, port)} and {@code connect(family, fd, address, port)}
 * first hand their address and port to the task network's hook and go on with what it answers.
 * The inserted code is straight-line and uses JDK types only (the class lives in {@code java.base},
 * which sees nothing of the agent): {@code System.getProperties().get(hook)} is a
 * {@code java.util.function.Function<InetSocketAddress, InetSocketAddress>}. Written with the ASM
 * that ByteBuddy carries, without ByteBuddy's agent builder, which would cost every container's JVM
 * two seconds of start-up.
 */
final class SocketCallRewriter implements ClassFileTransformer {
    static final String NET = "sun/nio/ch/Net";
    private static final String DESCRIPTOR_BIND = "(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/InetAddress;I)V";
    private static final String DESCRIPTOR_CONNECT = "(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/InetAddress;I)I";

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classfile) {
        if (!NET.equals(className)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(classfile);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                    if (name.equals("bind") && descriptor.equals(DESCRIPTOR_BIND)) {
                        return new HookCall(method, TaskNetworkAgent.BIND_HOOK);
                    }
                    if (name.equals("connect") && descriptor.equals(DESCRIPTOR_CONNECT)) {
                        return new HookCall(method, TaskNetworkAgent.CONNECT_HOOK);
                    }
                    return method;
                }
            }, 0);
            return writer.toByteArray();
        } catch (RuntimeException e) {
            System.err.println("ECS Labs task network: sun.nio.ch.Net can't be rewritten, the task's ports stay the machine's: " + e);
            return null;
        }
    }

    /**
     * At the method's start (static; locals 2 = address, 3 = port):
     * {@code InetSocketAddress a = (InetSocketAddress) ((Function) System.getProperties().get(hook))
     * .apply(new InetSocketAddress(address, port)); address = a.getAddress(); port = a.getPort();}
     */
    private static final class HookCall extends MethodVisitor {
        private final String hook;

        HookCall(MethodVisitor method, String hook) {
            super(Opcodes.ASM9, method);
            this.hook = hook;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "getProperties", "()Ljava/util/Properties;", false);
            visitLdcInsn(hook);
            visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/Properties", "get", "(Ljava/lang/Object;)Ljava/lang/Object;", false);
            visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/Function");
            visitTypeInsn(Opcodes.NEW, "java/net/InetSocketAddress");
            visitInsn(Opcodes.DUP);
            visitVarInsn(Opcodes.ALOAD, 2);
            visitVarInsn(Opcodes.ILOAD, 3);
            visitMethodInsn(Opcodes.INVOKESPECIAL, "java/net/InetSocketAddress", "<init>", "(Ljava/net/InetAddress;I)V", false);
            visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Function", "apply",
                    "(Ljava/lang/Object;)Ljava/lang/Object;", true);
            visitTypeInsn(Opcodes.CHECKCAST, "java/net/InetSocketAddress");
            visitInsn(Opcodes.DUP);
            visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/net/InetSocketAddress", "getAddress", "()Ljava/net/InetAddress;", false);
            visitVarInsn(Opcodes.ASTORE, 2);
            visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/net/InetSocketAddress", "getPort", "()I", false);
            visitVarInsn(Opcodes.ISTORE, 3);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(Math.max(maxStack, 6), maxLocals);
        }
    }
}
